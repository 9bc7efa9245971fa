package org.qat4j.layers.weight;

/**
 * How a layer's weights are quantized.
 *
 * <p>Symmetric (the TFLite int8 default): per channel {@code scale = max|w| / (2^(b-1) - 1)},
 * integers in the narrow range {@code [-(2^(b-1) - 1), 2^(b-1) - 1]} ({@code [-127, 127]} at 8
 * bits), zero point 0. Asymmetric: TensorFlow's nudged grid over {@code [min(w, 0), max(w, 0)]},
 * shifted by {@code -2^(b-1)} to signed integers ({@code [-128, 127]}, or {@code [-127, 127]}
 * with narrow range), with a per-channel zero point.
 *
 * @param numBits bits per weight, 2 to 8
 * @param symmetric zero point 0 and a range symmetric about 0
 * @param perChannel one scale per output channel (else one per tensor)
 * @param narrowRange exclude the lowest integer; always true for symmetric weights
 */
public record WeightQuantSpec(int numBits, boolean symmetric, boolean perChannel, boolean narrowRange) {

    /** Fewest weight bits supported. */
    public static final int MIN_BITS = 2;
    /** Most weight bits supported (weights are exported as int8). */
    public static final int MAX_BITS = 8;

    /** Validates the combination. */
    public WeightQuantSpec {
        if (numBits < MIN_BITS || numBits > MAX_BITS) {
            throw new IllegalArgumentException("weight numBits " + numBits + " is outside [" + MIN_BITS
                    + ", " + MAX_BITS + "]; use 8 for int8 weights");
        }
        if (symmetric && !narrowRange) {
            throw new IllegalArgumentException("symmetric weights use the narrow range [-(2^(b-1) - 1), "
                    + "2^(b-1) - 1]; set narrowRange to true (or choose asymmetric weights)");
        }
    }

    /** @return TFLite's weight scheme: 8 bits, symmetric, per output channel, [-127, 127] */
    public static WeightQuantSpec int8PerChannelSymmetric() {
        return new WeightQuantSpec(8, true, true, true);
    }

    /**
     * @param numBits bits per weight, 2 to 8
     * @return symmetric per-output-channel weights with {@code numBits} bits
     */
    public static WeightQuantSpec perChannelSymmetric(int numBits) {
        return new WeightQuantSpec(numBits, true, true, true);
    }

    /**
     * @param numBits bits per weight, 2 to 8
     * @return symmetric weights with one scale for the whole tensor
     */
    public static WeightQuantSpec perTensorSymmetric(int numBits) {
        return new WeightQuantSpec(numBits, true, false, true);
    }

    /**
     * @param numBits bits per weight, 2 to 8
     * @param perChannel one range per output channel, else per tensor
     * @return asymmetric weights on TF's nudged grid, full range
     */
    public static WeightQuantSpec asymmetric(int numBits, boolean perChannel) {
        return new WeightQuantSpec(numBits, false, perChannel, false);
    }

    /** @return the lowest signed integer a weight may take */
    public int quantMin() {
        int half = 1 << (numBits - 1);
        return narrowRange ? -half + 1 : -half;
    }

    /** @return the highest signed integer a weight may take, {@code 2^(b-1) - 1} */
    public int quantMax() {
        return (1 << (numBits - 1)) - 1;
    }

    /**
     * @param bits new bit width
     * @return this spec with another bit width
     */
    public WeightQuantSpec withBits(int bits) {
        return new WeightQuantSpec(bits, symmetric, perChannel, narrowRange);
    }
}
