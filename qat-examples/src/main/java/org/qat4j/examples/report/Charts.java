package org.qat4j.examples.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.qat4j.layers.export.QatExport;
import org.qat4j.layers.export.QatLayerInfo;
import org.qat4j.layers.export.WeightedLayerInfo;
import org.qat4j.layers.weight.QuantizedWeights;

/**
 * The PNG charts of a report, drawn with XChart off screen ({@code java.awt.headless=true}):
 * learned activation ranges over training, weight histograms on the quantization grid, and
 * accuracy against bit width.
 */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    /** Draw every grid level as a line when there are at most this many. */
    private static final int MAX_DRAWN_LEVELS = 33;

    private Charts() {
    }

    /**
     * One panel per fake-quant layer: its range minimum and maximum after every training step.
     *
     * @param histories from a {@link RangeRecorder}
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    public static void ranges(List<RangeRecorder.History> histories, Path file) throws IOException {
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no fake-quant layer was recorded; record a QAT network");
        }
        List<XYChart> panels = new ArrayList<>();
        for (RangeRecorder.History h : histories) {
            XYChart c = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT * 2 / 3)
                    .title("range of " + h.layer()).xAxisTitle("training step").yAxisTitle("value").build();
            style(c);
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            c.getStyler().setXAxisTickMarkSpacingHint(90);
            double[] x = h.steps().stream().mapToDouble(Integer::doubleValue).toArray();
            line(c, "max", x, h.max().stream().mapToDouble(Float::doubleValue).toArray(), new Color(0xC0392B));
            line(c, "min", x, h.min().stream().mapToDouble(Float::doubleValue).toArray(), new Color(0x2E86C1));
            panels.add(c);
        }
        int cols = Math.min(2, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        while (panels.size() < rows * cols) {
            XYChart blank = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT * 2 / 3).title("").build();
            style(blank);
            blank.addSeries(" ", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            blank.getStyler().setLegendVisible(false);
            panels.add(blank);
        }
        save(panels, rows, cols, file);
    }

    /**
     * One histogram per weighted layer of a QAT network, in grid units ({@code w / scale[c] + zp[c]},
     * so every channel shares the integer grid), with the grid levels (when few enough to draw) and
     * the clipping limits.
     *
     * @param qatNet a QAT network
     * @param dir the directory to write {@code weights-<layer>.png} into
     * @return the files written, in layer order
     * @throws IOException if writing fails
     */
    public static List<Path> weightHistograms(MultiLayerNetwork qatNet, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (QatLayerInfo info : QatExport.describe(qatNet).layers()) {
            if (info instanceof WeightedLayerInfo w) {
                Path file = dir.resolve("weights-" + safe(w.name()) + ".png");
                weightHistogram(w, file);
                files.add(file);
            }
        }
        return files;
    }

    private static void weightHistogram(WeightedLayerInfo w, Path file) throws IOException {
        QuantizedWeights q = w.quantized();
        float[] weights = w.floatWeights();
        float[] scales = q.scales();
        int[] zeroPoints = q.zeroPoints();
        int qmin = w.spec().quantMin();
        int qmax = w.spec().quantMax();
        int levels = qmax - qmin + 1;
        double lo = qmin - 0.5;
        double hi = qmax + 0.5;
        // Few levels: 8 bins per level show where weights sit between levels. Many levels: about 8
        // weights per bin, between 32 bins and one bin per level, so small layers are not all gaps.
        int bins = levels <= MAX_DRAWN_LEVELS ? levels * 8 : Math.max(32, Math.min(levels, weights.length / 8));
        double[] counts = new double[bins];
        for (int i = 0; i < weights.length; i++) {
            int ch = q.channelOf(i);
            double u = weights[i] / (double) scales[scales.length == 1 ? 0 : ch] + zeroPoints[zeroPoints.length == 1 ? 0 : ch];
            int b = (int) Math.floor((u - lo) / (hi - lo) * bins); // floor: bin index of a position
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        double[] x = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = lo + (b + 0.5) * (hi - lo) / bins;
        }
        String scheme = String.format(Locale.ROOT, "%d-bit %s %s, %d weights", w.spec().numBits(),
                w.spec().symmetric() ? "symmetric" : "asymmetric", w.spec().perChannel() ? "per channel" : "per tensor",
                weights.length);
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("weights of " + w.name() + " (" + scheme + ")")
                .xAxisTitle("w / scale + zero point (grid units; integer levels " + qmin + " .. " + qmax + ")")
                .yAxisTitle("count").build();
        style(c);
        XYSeries hist = c.addSeries("float weights", x, counts);
        hist.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        hist.setMarker(SeriesMarkers.NONE);
        hist.setFillColor(new Color(46, 134, 193, 150));
        hist.setLineColor(new Color(0x2E86C1));
        double top = 0;
        for (double v : counts) {
            top = Math.max(top, v);
        }
        if (levels <= MAX_DRAWN_LEVELS) {
            double[] levelsAt = new double[levels];
            for (int k = 0; k < levels; k++) {
                levelsAt[k] = qmin + k;
            }
            comb(c, "grid levels", levelsAt, top * 1.05, new Color(120, 120, 120));
        }
        comb(c, "clipping limits", new double[] {qmin, qmax}, top * 1.05, new Color(0xC0392B));
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Test accuracy against bit width, one line per series, with the float accuracy as reference.
     *
     * @param points the measured points
     * @param floatAccuracy the float network's accuracy
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    public static void accuracyVsBits(List<BitSweep> points, double floatAccuracy, Path file) throws IOException {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no accuracy points to draw");
        }
        Map<String, List<BitSweep>> bySeries = new LinkedHashMap<>();
        int minBits = Integer.MAX_VALUE;
        int maxBits = Integer.MIN_VALUE;
        for (BitSweep p : points) {
            bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
            minBits = Math.min(minBits, p.bits());
            maxBits = Math.max(maxBits, p.bits());
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("test accuracy against bit width")
                .xAxisTitle("bits (weights; activations as named)").yAxisTitle("accuracy (%)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setXAxisDecimalPattern("0");
        Color[] colors = {new Color(0x2E86C1), new Color(0xC0392B), new Color(0x27AE60), new Color(0x8E44AD),
            new Color(0xD68910)};
        int k = 0;
        for (Map.Entry<String, List<BitSweep>> e : bySeries.entrySet()) {
            List<BitSweep> s = new ArrayList<>(e.getValue());
            s.sort((a, b) -> Integer.compare(a.bits(), b.bits()));
            double[] x = s.stream().mapToDouble(BitSweep::bits).toArray();
            double[] y = s.stream().mapToDouble(p -> 100 * p.accuracy()).toArray();
            XYSeries series = c.addSeries(e.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineColor(colors[k % colors.length]);
            series.setMarkerColor(colors[k % colors.length]);
            k++;
        }
        XYSeries ref = c.addSeries(String.format(Locale.ROOT, "float (%.2f %%)", 100 * floatAccuracy),
                new double[] {minBits, maxBits}, new double[] {100 * floatAccuracy, 100 * floatAccuracy});
        ref.setMarker(SeriesMarkers.NONE);
        ref.setLineColor(Color.DARK_GRAY);
        ref.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Vertical lines from 0 to {@code top} at each x, drawn as one series (a comb along the axis). */
    private static void comb(XYChart c, String name, double[] at, double top, Color color) {
        double[] x = new double[at.length * 3];
        double[] y = new double[at.length * 3];
        for (int i = 0; i < at.length; i++) {
            x[3 * i] = at[i];
            x[3 * i + 1] = at[i];
            x[3 * i + 2] = at[i];
            y[3 * i + 1] = top;
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(1f);
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2f);
    }

    private static void style(XYChart c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
    }

    private static void save(List<XYChart> charts, int rows, int cols, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(charts, rows, cols, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** @return a file-name-safe form of a layer name */
    static String safe(String name) {
        return name == null ? "layer" : name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
