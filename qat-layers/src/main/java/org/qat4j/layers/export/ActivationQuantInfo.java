package org.qat4j.layers.export;

import org.qat4j.layers.fakequant.NudgedRanges;
import org.qat4j.layers.fakequant.QuantGrid;

/**
 * An activation fake-quant layer's state: the learned range of the tensor at that point and the
 * grid, exactly as the training forward quantizes it (TF's nudge of {@code (min, max)} on the
 * grid {@code [quantMin, quantMax]}; quantization.md section 1).
 *
 * <p>For int8 export at 8 bits without narrow range the TF grid {@code [0, 255]} shifts by -128:
 * the int8 zero point is {@link #signedZeroPoint} and the scale is {@link #scale}.
 *
 * @param index the layer's index in the QAT network
 * @param name the layer's name
 * @param min per-channel minima as stored (float32, not nudged); one value per tensor
 * @param max per-channel maxima as stored
 * @param numBits bits per value
 * @param narrowRange whether the lowest grid level is excluded
 * @param perChannel whether ranges are per channel (axis 1)
 */
public record ActivationQuantInfo(int index, String name, float[] min, float[] max, int numBits, boolean narrowRange,
        boolean perChannel) implements QatLayerInfo {

    /** Copies the arrays and checks they match. */
    public ActivationQuantInfo {
        if (min.length != max.length) {
            throw new IllegalArgumentException(min.length + " minima and " + max.length + " maxima");
        }
        min = min.clone();
        max = max.clone();
    }

    /** @return a copy of the minima */
    @Override
    public float[] min() {
        return min.clone();
    }

    /** @return a copy of the maxima */
    @Override
    public float[] max() {
        return max.clone();
    }

    /** @return the TF grid */
    public QuantGrid grid() {
        return new QuantGrid(numBits, narrowRange);
    }

    /** @return the nudged constants the training forward uses */
    public NudgedRanges nudged() {
        return NudgedRanges.of(min, max, grid());
    }

    /**
     * @param channel a channel (0 per tensor)
     * @return the nudged scale
     */
    public float scale(int channel) {
        return nudged().scale()[channel];
    }

    /**
     * @param channel a channel (0 per tensor)
     * @return the nudged zero point on the TF grid {@code [quantMin, quantMax]}
     */
    public int zeroPoint(int channel) {
        return (int) nudged().zeroPoint()[channel];
    }

    /**
     * @param channel a channel (0 per tensor)
     * @return the zero point shifted by {@code -2^(numBits-1)} to signed integers (int8: [-128, 127])
     */
    public int signedZeroPoint(int channel) {
        return zeroPoint(channel) - (1 << (numBits - 1));
    }
}
