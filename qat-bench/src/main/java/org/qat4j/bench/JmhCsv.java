package org.qat4j.bench;

import java.util.ArrayList;
import java.util.List;

/** Reading JMH's CSV result files ({@code -rf csv -rff result.csv}), shared by the report printers. */
public final class JmhCsv {

  private JmhCsv() {}

  /**
   * The fields of the header line, the file's first.
   *
   * @throws IllegalArgumentException if the file is empty
   */
  public static List<String> header(List<String> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("the CSV file is empty; write it with -rf csv -rff <file>");
    }
    return split(lines.get(0));
  }

  /** {@code Class.method} of a benchmark's full name {@code package.Class.method}. */
  public static String shortName(String benchmark) {
    return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
  }

  /**
   * The index of a column in the header line's fields.
   *
   * @param hint what to run to get a file with that column, for the message
   * @throws IllegalArgumentException if the header has no such column
   */
  public static int column(List<String> header, String name, String hint) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("the CSV has no column '" + name + "' (columns: " + header + "); " + hint);
    }
    return i;
  }

  /** A number, or NaN for JMH's empty or {@code NaN} error fields. */
  public static double parseOrNaN(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Splits one CSV line with double-quoted fields (JMH quotes every text field). */
  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
