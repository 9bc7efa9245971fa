package org.qat4j.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.io.AtomicFiles;

/**
 * A report directory: PNG charts and a {@code report.md} that shows the summary table and links
 * every chart. Charts are drawn as they are added; {@link #write()} writes the Markdown last.
 */
public final class Report {

    /** The Markdown file's name inside the directory. */
    public static final String MARKDOWN = "report.md";

    private final Path dir;
    private final String title;
    private final List<String> sections = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    /**
     * @param dir the directory, created if absent
     * @param title the report's heading
     * @throws IOException if the directory cannot be created
     */
    public Report(Path dir, String title) throws IOException {
        this.dir = dir;
        this.title = title;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("report path '" + dir + "' exists and is not a directory; pick another --report");
        }
        Files.createDirectories(dir);
    }

    /**
     * Adds a table section.
     *
     * @param heading the section heading
     * @param table the table
     * @return this report
     */
    public Report table(String heading, TextTable table) {
        sections.add("## " + heading + "\n\n" + table.toMarkdown());
        return this;
    }

    /**
     * Adds a paragraph.
     *
     * @param text Markdown text
     * @return this report
     */
    public Report text(String text) {
        sections.add(text + "\n");
        return this;
    }

    /**
     * Draws the learned ranges chart.
     *
     * @param recorder the ranges recorded during QAT
     * @return this report
     * @throws IOException if writing fails
     */
    public Report ranges(RangeRecorder recorder) throws IOException {
        Path f = dir.resolve("ranges.png");
        Charts.ranges(recorder.histories(), f);
        files.add(f);
        sections.add("## Learned activation ranges\n\nEach fake-quant layer's range (min, max) after every QAT step "
                + "(step 0: after calibration).\n\n![ranges](ranges.png)\n");
        return this;
    }

    /**
     * Draws the weight histograms of every quantized layer.
     *
     * @param qatNet the QAT network
     * @return this report
     * @throws IOException if writing fails
     */
    public Report weights(MultiLayerNetwork qatNet) throws IOException {
        List<Path> written = Charts.weightHistograms(qatNet, dir);
        files.addAll(written);
        StringBuilder sb = new StringBuilder("## Weights on the quantization grid\n\nFloat weights divided by their "
                + "channel's scale (plus zero point): integer positions are the grid levels, red lines the "
                + "clipping limits.\n\n");
        for (Path p : written) {
            sb.append("![").append(p.getFileName()).append("](").append(p.getFileName()).append(")\n\n");
        }
        sections.add(sb.toString());
        return this;
    }

    /**
     * Draws accuracy against bit width.
     *
     * @param points the measured points
     * @param floatAccuracy the float reference
     * @param how how the points were measured (Markdown)
     * @return this report
     * @throws IOException if writing fails
     */
    public Report bits(List<BitSweep> points, double floatAccuracy, String how) throws IOException {
        Path f = dir.resolve("accuracy-vs-bits.png");
        Charts.accuracyVsBits(points, floatAccuracy, f);
        files.add(f);
        TextTable t = new TextTable("series", "bits", "accuracy");
        for (BitSweep p : points) {
            t.row(p.series(), Integer.toString(p.bits()), Formats.percent(p.accuracy()));
        }
        sections.add("## Accuracy against bit width\n\n" + how + "\n\n![accuracy against bits](accuracy-vs-bits.png)\n\n"
                + t.toMarkdown());
        return this;
    }

    /** @return the chart files written so far */
    public List<Path> charts() {
        return List.copyOf(files);
    }

    /**
     * Writes {@code report.md} (atomically: temporary file, then rename).
     *
     * @return its path
     * @throws IOException if writing fails
     */
    public Path write() throws IOException {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (String s : sections) {
            sb.append(s).append('\n');
        }
        Path target = dir.resolve(MARKDOWN);
        AtomicFiles.write(target, sb.toString().getBytes(StandardCharsets.UTF_8));
        return target;
    }
}
