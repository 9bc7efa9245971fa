package org.qat4j.examples.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.examples.report.BitSweep;

/**
 * Accuracy against bit width: post-training quantization (cheap: calibrate and evaluate) and,
 * optionally, short QAT runs, at each weight bit width.
 */
public final class BitWidthSweep {

    /** The bit widths a sweep visits by default. */
    public static final int[] DEFAULT_BITS = {8, 6, 4, 3, 2};

    private BitWidthSweep() {
    }

    /**
     * PTQ at each bit width: weights at {@code b} bits with 8-bit activations, and both at {@code b} bits.
     *
     * @param floatNet the trained float network
     * @param data the images
     * @param plan calibration batch size and seed
     * @param bits the bit widths
     * @return two points per bit width
     */
    public static List<BitSweep> ptq(MultiLayerNetwork floatNet, ImageData data, Training.Plan plan, int[] bits) {
        List<BitSweep> out = new ArrayList<>();
        for (int b : bits) {
            out.add(new BitSweep("PTQ, weights b bits, activations 8", b,
                    Accuracy.of(Pipeline.ptq(floatNet, QuantSettings.bits(b, 8), data, plan), data)));
            out.add(new BitSweep("PTQ, weights and activations b bits", b,
                    Accuracy.of(Pipeline.ptq(floatNet, QuantSettings.bits(b, b), data, plan), data)));
        }
        return out;
    }

    /**
     * QAT at each bit width: weights at {@code b} bits with 8-bit activations, and both at {@code b} bits.
     *
     * @param floatNet the trained float network
     * @param data the images
     * @param plan fine-tuning epochs, batch size, seed
     * @param learningRate the fine-tuning learning rate
     * @param bits the bit widths
     * @param io where progress goes
     * @return two points per bit width
     */
    public static List<BitSweep> qat(MultiLayerNetwork floatNet, ImageData data, Training.Plan plan, double learningRate,
            int[] bits, ConsoleOutput io) {
        List<BitSweep> out = new ArrayList<>();
        for (int b : bits) {
            out.add(new BitSweep("QAT, weights b bits, activations 8", b, Accuracy.of(
                    Pipeline.qat(floatNet, QuantSettings.bits(b, 8), data, plan, learningRate, io), data)));
            out.add(new BitSweep("QAT, weights and activations b bits", b, Accuracy.of(
                    Pipeline.qat(floatNet, QuantSettings.bits(b, b), data, plan, learningRate, io), data)));
        }
        return out;
    }
}
