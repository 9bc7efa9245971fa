package org.qat4j.layers.export;

import org.qat4j.core.quant.Nudge;
import org.qat4j.core.quant.NudgedRange;
import org.qat4j.core.quant.QuantParams;
import org.qat4j.core.quant.QuantScheme;
import org.qat4j.layers.fakequant.QuantGrid;

/**
 * An activation fake-quant layer's state: the learned range of the tensor at that point and the
 * grid, exactly as the training forward quantizes it (TF's nudge of {@code (min, max)} on the
 * grid {@code [quantMin, quantMax]}; quantization.md section 1).
 *
 * <p>{@link #nudgedRange} is qat-core's {@link Nudge#nudge} of a channel's range (what the
 * forward quantizes with); {@link #storageParams} moves it to signed storage of the same width
 * ({@link #storageScheme}: at 8 bits without narrow range, int8 {@code [-128, 127]} with the TF
 * zero point minus 128, TFLite's activation format).
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

    /**
     * @param channel a channel (0 per tensor)
     * @return qat-core's nudged range of that channel, as the training forward uses it
     * @throws IllegalArgumentException if the range is one {@link Nudge} rejects
     */
    public NudgedRange nudgedRange(int channel) {
        QuantGrid grid = grid();
        return Nudge.nudge(min[channel], max[channel], grid.quantMin(), grid.quantMax());
    }

    /**
     * @return signed storage with this layer's bits and narrow range, asymmetric, per tensor
     *     (int8 {@code [-128, 127]} by default)
     */
    public QuantScheme storageScheme() {
        return new QuantScheme(numBits, true, false, narrowRange, QuantScheme.PER_TENSOR);
    }

    /**
     * @param channel a channel (0 per tensor)
     * @return the scale and signed zero point of that channel in {@link #storageScheme()}
     */
    public QuantParams storageParams(int channel) {
        return nudgedRange(channel).storageParams(storageScheme());
    }
}
