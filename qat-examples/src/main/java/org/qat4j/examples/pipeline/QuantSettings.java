package org.qat4j.examples.pipeline;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.qat4j.layers.ActivationQuantSpec;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.weight.WeightQuantSpec;

/**
 * The quantization choices the command and the study expose, turned into a {@link QatConfig}.
 * Weights are symmetric (zero point 0, narrow range), as the int8 engine requires; activations
 * asymmetric unless {@code symmetricActivations}.
 *
 * @param weightBits bits per weight, 2 to 8
 * @param activationBits bits per activation, 2 to 8 (the engine stores activations in int8)
 * @param perChannelWeights one weight scale per output channel (else one per tensor)
 * @param symmetricActivations activation ranges symmetric about 0 (signed zero point 0)
 * @param narrowRangeActivations drop the lowest activation level (int8 [-127, 127])
 */
public record QuantSettings(int weightBits, int activationBits, boolean perChannelWeights, boolean symmetricActivations,
        boolean narrowRangeActivations) {

    /** Fewest bits for weights or activations. */
    public static final int MIN_BITS = 2;
    /** Most bits for weights or activations: the engine's int8 storage. */
    public static final int MAX_BITS = 8;

    /** Validates the bit widths. */
    public QuantSettings {
        checkBits("weight", weightBits);
        checkBits("activation", activationBits);
    }

    /** @return TFLite's int8: 8-bit per-channel symmetric weights, 8-bit asymmetric activations */
    public static QuantSettings int8() {
        return new QuantSettings(8, 8, true, false, false);
    }

    /**
     * @param weight weight bits
     * @param activation activation bits
     * @return these bit widths with the int8 defaults otherwise
     */
    public static QuantSettings bits(int weight, int activation) {
        return new QuantSettings(weight, activation, true, false, false);
    }

    private static void checkBits(String what, int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException(what + " bits " + bits + " is outside [" + MIN_BITS + ", " + MAX_BITS
                    + "]; use 8 for int8 (the engine stores " + what + "s in 8 bits at most)");
        }
    }

    /** @return the qat-layers policy */
    public QatConfig config() {
        WeightQuantSpec weight = perChannelWeights ? WeightQuantSpec.perChannelSymmetric(weightBits)
                : WeightQuantSpec.perTensorSymmetric(weightBits);
        ActivationQuantSpec a = ActivationQuantSpec.int8PerTensor().withBits(activationBits);
        ActivationQuantSpec activation = new ActivationQuantSpec(a.numBits(), narrowRangeActivations, a.perChannel(),
                a.rangeGradient(), a.observer(), a.observerBatches(), a.minRangeWidth());
        return QatConfig.builder().weight(weight).activation(activation).build();
    }

    /**
     * Prepares the QAT twin of a float network and calibrates its ranges on training batches: the
     * post-training-quantized network, the starting point of QAT.
     *
     * @param floatNet the trained float network; not modified
     * @param data the training images
     * @param batches calibration batches
     * @param batch images per calibration batch
     * @param seed the shuffle seed
     * @return the calibrated QAT network
     */
    public MultiLayerNetwork prepareAndCalibrate(MultiLayerNetwork floatNet, ImageData data, int batches, int batch,
            long seed) {
        MultiLayerNetwork qat = Qat.prepare(floatNet, config());
        Qat.calibrate(qat, data.trainBatches(batch, seed), batches);
        if (symmetricActivations) {
            SymmetricActivations.apply(qat);
        }
        return qat;
    }

    /** @return the listeners QAT training needs for these settings (the symmetric projection), or none */
    public TrainingListener[] trainingListeners() {
        return symmetricActivations ? new TrainingListener[] {new SymmetricActivations()} : new TrainingListener[0];
    }

    /** @return a short label, e.g. "W8A8 per-channel" */
    public String label() {
        StringBuilder sb = new StringBuilder("W").append(weightBits).append('A').append(activationBits);
        sb.append(perChannelWeights ? " per-channel" : " per-tensor");
        if (symmetricActivations) {
            sb.append(", symmetric act.");
        }
        if (narrowRangeActivations) {
            sb.append(", narrow-range act.");
        }
        return sb.toString();
    }
}
