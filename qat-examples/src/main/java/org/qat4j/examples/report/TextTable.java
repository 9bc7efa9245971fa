package org.qat4j.examples.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table printed as aligned text (terminal) or as a Markdown table (reports, docs).
 * The first column is left-aligned, the others right-aligned (numbers).
 */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private boolean allLeft;

    /**
     * @param header the column names
     */
    public TextTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.of(header);
    }

    /**
     * @param cells one cell per column
     * @return this table
     */
    public TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns " + header);
        }
        rows.add(List.of(cells));
        return this;
    }

    /**
     * Left-aligns every column (for tables of text rather than numbers).
     *
     * @return this table
     */
    public TextTable leftAligned() {
        allLeft = true;
        return this;
    }

    /** @return the number of rows, without the header */
    public int size() {
        return rows.size();
    }

    /** @return the table as aligned text lines, header underlined */
    public String toText() {
        int[] width = widths();
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, allLeft);
        int total = 0;
        for (int w : width) {
            total += w;
        }
        sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
        for (List<String> r : rows) {
            line(sb, r, width, allLeft);
        }
        return sb.toString();
    }

    /** @return the table in Markdown */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            sb.append(c == 0 || allLeft ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    private int[] widths() {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        return w;
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean allLeft) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 || allLeft ? cell + pad : pad + cell);
            if (c < cells.size() - 1) {
                sb.append("  ");
            }
        }
        // A left-aligned last column leaves trailing spaces.
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
        sb.append('\n');
    }
}
