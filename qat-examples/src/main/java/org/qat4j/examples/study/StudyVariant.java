package org.qat4j.examples.study;

import java.util.List;
import java.util.Objects;
import org.qat4j.examples.pipeline.QuantSettings;

/**
 * One row of the study: a quantization setting and whether it is trained (QAT) or only
 * calibrated (PTQ).
 *
 * @param name the row's label
 * @param settings bits and schemes
 * @param trained QAT fine-tuning (true) or post-training quantization (false)
 */
public record StudyVariant(String name, QuantSettings settings, boolean trained) {

    /** Checks the parts. */
    public StudyVariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
    }

    /** The label of the int8 QAT row the accuracy targets refer to. */
    public static final String QAT_INT8 = "QAT int8";
    /** The label of the int8 PTQ row. */
    public static final String PTQ_INT8 = "PTQ int8";
    /** The label of the W4A4 QAT row. */
    public static final String QAT_W4A4 = "QAT W4A4";

    /**
     * The rows of the Fashion-MNIST study, in table order: PTQ and QAT at int8 (per-channel symmetric
     * weights, asymmetric activations), then one change at a time: symmetric activations, per-tensor
     * weights, narrow-range activations; then lower bit widths with QAT.
     *
     * @return the variants
     */
    public static List<StudyVariant> standard() {
        QuantSettings int8 = QuantSettings.int8();
        return List.of(
                new StudyVariant(PTQ_INT8, int8, false),
                new StudyVariant(QAT_INT8, int8, true),
                new StudyVariant("QAT int8, symmetric activations", new QuantSettings(8, 8, true, true, false), true),
                new StudyVariant("QAT int8, per-tensor weights", new QuantSettings(8, 8, false, false, false), true),
                new StudyVariant("QAT int8, narrow-range activations", new QuantSettings(8, 8, true, false, true), true),
                new StudyVariant("QAT W4A8", QuantSettings.bits(4, 8), true),
                new StudyVariant(QAT_W4A4, QuantSettings.bits(4, 4), true),
                new StudyVariant("QAT W2A8", QuantSettings.bits(2, 8), true));
    }
}
