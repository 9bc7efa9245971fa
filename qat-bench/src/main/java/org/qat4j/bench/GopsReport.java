package org.qat4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH CSV result file ({@code -rf csv -rff result.csv}) of the GEMM benchmarks into a
 * Markdown table of GOPS ({@code 2 * M * K * N / t}) with ratios to ND4J's sgemm and to qat4j's
 * scalar kernel of the same shape and thread count.
 *
 * <p>Usage: {@code java -cp qat-bench/target/benchmarks.jar org.qat4j.bench.GopsReport result.csv}
 */
public final class GopsReport {

  private GopsReport() {}

  /** One benchmark result: which kernel, its parameters and its mean time per product. */
  record Row(String kernel, String shape, int threads, double millis, double errorMillis) {

    double gops() {
      return GemmShape.parse(shape).operations() / (millis * 1e-3) / 1e9;
    }

    String key() {
      return shape + "/" + threads;
    }
  }

  /** Prints the table for the CSV file named by the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: GopsReport <jmh-result.csv>  (write it with -rf csv -rff <file>)");
      System.exit(2);
    }
    System.out.print(format(parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8))));
  }

  /** Reads JMH's CSV: a header naming the columns, then one line per benchmark and parameter set. */
  static List<Row> parse(List<String> lines) {
    List<String> header = JmhCsv.header(lines);
    int benchmark = column(header, "Benchmark");
    int unit = column(header, "Unit");
    int score = column(header, "Score");
    int error = column(header, "Score Error (99.9%)");
    int shape = column(header, "Param: shape");
    int threads = column(header, "Param: threads");
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = JmhCsv.split(line);
      if (!f.get(unit).equals("ms/op")) {
        throw new IllegalArgumentException("unit " + f.get(unit) + " is not ms/op; run the benchmarks as configured");
      }
      String kernel = JmhCsv.shortName(f.get(benchmark));
      rows.add(new Row(kernel, f.get(shape), Integer.parseInt(f.get(threads)),
          Double.parseDouble(f.get(score)), JmhCsv.parseOrNaN(f.get(error))));
    }
    return rows;
  }

  /** The Markdown table: one line per result, ratios against peers of the same shape and threads. */
  static String format(List<Row> rows) {
    Map<String, Row> nd4j = new LinkedHashMap<>();
    Map<String, Row> scalar = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.kernel().startsWith("Nd4jSgemm")) {
        nd4j.put(r.key(), r);
      } else if (r.kernel().startsWith("QatGemmScalar")) {
        scalar.put(r.key(), r);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("| kernel | shape MxKxN | threads | ms/product | GOPS | vs ND4J sgemm | vs qat4j scalar |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f ± %.3f | %.1f | %s | %s |%n",
          r.kernel(), r.shape(), r.threads(), r.millis(), r.errorMillis(), r.gops(),
          ratio(r, nd4j.get(r.key())), ratio(r, scalar.get(r.key()))));
    }
    return sb.toString();
  }

  private static String ratio(Row r, Row base) {
    return base == null ? "-" : String.format(Locale.ROOT, "%.2fx", base.millis() / r.millis());
  }

  private static int column(List<String> header, String name) {
    return JmhCsv.column(header, name, "run GEMM benchmarks, which have the shape and threads parameters");
  }
}
