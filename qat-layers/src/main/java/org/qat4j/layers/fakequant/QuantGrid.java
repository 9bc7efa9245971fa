package org.qat4j.layers.fakequant;

import org.qat4j.core.quant.Nudge;
import org.qat4j.core.quant.QuantScheme;

/**
 * The integer grid of TensorFlow's fake quantization: {@code [quantMin, quantMax]} with
 * {@code quantMin = narrowRange ? 1 : 0} and {@code quantMax = 2^numBits - 1}, as qat-core's
 * {@link Nudge#quantMin} and {@link Nudge#quantMax} define it.
 *
 * <p>An 8-bit grid without narrow range has 256 levels; shifting it by {@code -128} gives the
 * int8 activations of the TFLite spec. Narrow range drops the lowest level (255 levels).
 *
 * @param numBits bits per value, 2 to 16 as TF allows
 * @param narrowRange whether the lowest level is excluded
 */
public record QuantGrid(int numBits, boolean narrowRange) {

    /** Fewest bits TF's fake-quant ops accept. */
    public static final int MIN_BITS = QuantScheme.MIN_BITS;
    /** Most bits TF's fake-quant ops accept. */
    public static final int MAX_BITS = QuantScheme.MAX_BITS;

    /** Validates the bit width. */
    public QuantGrid {
        if (numBits < MIN_BITS || numBits > MAX_BITS) {
            throw new IllegalArgumentException("numBits " + numBits + " is outside [" + MIN_BITS
                    + ", " + MAX_BITS + "]; use 8 for int8");
        }
    }

    /** @return the lowest grid integer: 1 with narrow range, else 0 */
    public int quantMin() {
        return Nudge.quantMin(narrowRange);
    }

    /** @return the highest grid integer, {@code 2^numBits - 1} */
    public int quantMax() {
        return Nudge.quantMax(numBits);
    }

    /** @return the number of steps {@code quantMax - quantMin} */
    public int steps() {
        return quantMax() - quantMin();
    }
}
