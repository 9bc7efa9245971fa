package org.qat4j.examples.study;

import java.util.Locale;
import org.qat4j.examples.report.Formats;
import org.qat4j.examples.report.TextTable;

/**
 * The study as Markdown: the table (simulated and int8-engine accuracy per row), the command, the
 * machine, and the accuracy targets with whether each was met.
 */
public final class ResultsMarkdown {

    /** QAT int8 on the engine may lose at most this much against float. */
    public static final double QAT_INT8_TOLERANCE = 0.001;
    /** PTQ int8 on the engine may lose at most this much. */
    public static final double PTQ_INT8_TOLERANCE = 0.005;
    /** W4A4 QAT on the engine may lose at most this much. */
    public static final double W4A4_TOLERANCE = 0.010;
    /** Engine and simulated accuracy may differ at most this much on every row. */
    public static final double ENGINE_SIMULATED_TOLERANCE = 0.0005;

    private ResultsMarkdown() {
    }

    /**
     * @param r the results
     * @return the accuracy table
     */
    public static TextTable table(StudyResult r) {
        TextTable t = new TextTable("variant", "weights", "activations", "simulated", "int8 engine", "engine vs float",
                "engine - simulated", "same prediction", "time");
        t.row("float", "fp32", "fp32", Formats.percent(r.floatAccuracy()), "", "", "", "",
                String.format(Locale.ROOT, "%.0f s", r.floatSeconds()));
        t.row("float + QAT's epochs (control)", "fp32", "fp32", Formats.percent(r.controlAccuracy()), "", "", "", "",
                "");
        for (StudyResult.Row row : r.rows()) {
            var s = row.variant().settings();
            String weights = s.weightBits() + "-bit sym. " + (s.perChannelWeights() ? "per-channel" : "per-tensor");
            String activations = s.activationBits() + "-bit " + (s.symmetricActivations() ? "sym." : "asym.")
                    + (s.narrowRangeActivations() ? " narrow" : "");
            t.row(row.variant().name(), weights, activations, Formats.percent(row.simulated()),
                    row.hasEngine() ? Formats.percent(row.engine()) : "n/a",
                    row.hasEngine() ? Formats.points(row.engine() - r.floatAccuracy()) : "",
                    row.hasEngine() ? Formats.points(row.engine() - row.simulated()) : "",
                    row.hasEngine() ? Formats.percent(row.agreement()) : "",
                    String.format(Locale.ROOT, "%.0f s", row.seconds()));
        }
        return t;
    }

    /**
     * @param r the results
     * @return the targets table: each target, the measured value and met or missed
     */
    public static TextTable targets(StudyResult r) {
        TextTable t = new TextTable("target", "measured", "result").leftAligned();
        target(t, r, StudyVariant.QAT_INT8, "QAT int8 (engine) >= float - 0.1 pp", QAT_INT8_TOLERANCE);
        target(t, r, StudyVariant.PTQ_INT8, "PTQ int8 (engine) >= float - 0.5 pp", PTQ_INT8_TOLERANCE);
        target(t, r, StudyVariant.QAT_W4A4, "W4A4 QAT (engine) >= float - 1.0 pp", W4A4_TOLERANCE);
        double worst = 0;
        String worstRow = "";
        boolean any = false;
        for (StudyResult.Row row : r.rows()) {
            if (row.hasEngine()) {
                any = true;
                double d = Math.abs(row.engine() - row.simulated());
                if (d >= worst) {
                    worst = d;
                    worstRow = row.variant().name();
                }
            }
        }
        if (any) {
            t.row("engine = simulated within 0.05 pp (every row)", "largest difference "
                    + String.format(Locale.ROOT, "%.2f pp", 100 * worst) + " (" + worstRow + ")",
                    worst <= ENGINE_SIMULATED_TOLERANCE + 1e-12 ? "met" : "missed");
        } else {
            t.row("engine = simulated within 0.05 pp (every row)", "no row was exported", "not measured");
        }
        return t;
    }

    private static void target(TextTable t, StudyResult r, String rowName, String text, double tolerance) {
        if (!r.hasRow(rowName)) {
            t.row(text, "row not run", "not measured");
            return;
        }
        StudyResult.Row row = r.row(rowName);
        if (!row.hasEngine()) {
            t.row(text, "no engine figure (" + row.note() + ")", "not measured");
            return;
        }
        double delta = row.engine() - r.floatAccuracy();
        boolean met = delta >= -tolerance - 1e-12;
        t.row(text, Formats.percent(row.engine()) + " (" + Formats.points(delta) + ")",
                met ? "met" : String.format(Locale.ROOT, "missed by %.2f pp", 100 * (-tolerance - delta)));
    }

    /**
     * @param r the results
     * @param settings the study's settings
     * @param command the command that produced it
     * @param machine the machine description
     * @param totalSeconds wall time of the whole run
     * @return the whole results page
     */
    public static String page(StudyResult r, QuantizationStudy.Settings settings, String command, String machine,
            double totalSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Results: quantization on ").append(r.dataDescription().split(",")[0]).append("\n\n");
        sb.append("Generated by one command; rerun it to reproduce every number on this page:\n\n```bash\n")
                .append(command).append("\n```\n\n");
        sb.append("- Machine: ").append(machine).append('\n');
        sb.append("- Wall time of the whole run: ").append(String.format(Locale.ROOT, "%.1f min", totalSeconds / 60))
                .append('\n');
        sb.append("- Data: ").append(r.dataDescription()).append('\n');
        sb.append("- Network: ").append(r.networkDescription()).append('\n');
        sb.append("- Training: ").append(settings.describe())
                .append("; every QAT row starts from the same float network, calibrates 16 batches, then fine-tunes\n\n");
        sb.append("## Accuracy on the test set\n\n").append(table(r).toMarkdown()).append('\n');
        sb.append("*simulated*: the QAT network in DL4J, fake quantization in the forward pass. *int8 engine*: the "
                + "exported `.qat4j` model on qat4j's integer-only engine. *same prediction*: test images where both "
                + "predict the same class. Weights are symmetric (zero point 0, narrow range) in every row, as the "
                + "engine requires; PTQ rows are calibrated but not trained. *float + QAT's epochs (control)*: the float "
                + "network trained as many more epochs as each QAT row fine-tunes, at the same learning rate, without "
                + "quantization; a QAT row above float but not above the control gains from the extra training, not "
                + "from quantization. The targets compare with float, as stated.\n\n");
        sb.append("## Targets\n\n").append(targets(r).toMarkdown()).append('\n');
        for (StudyResult.Row row : r.rows()) {
            if (!row.note().isEmpty()) {
                sb.append("- ").append(row.variant().name()).append(": ").append(row.note()).append('\n');
            }
        }
        sb.append("\nSymmetric activations are imposed by projecting every learned range onto the symmetric range "
                + "(signed zero point 0) after calibration and after every training step "
                + "(`org.qat4j.examples.pipeline.SymmetricActivations`). Narrow-range activations drop the lowest level "
                + "(int8 [-127, 127]).\n");
        return sb.toString();
    }
}
