package org.qat4j.layers.fakequant;

import java.util.Arrays;
import org.qat4j.core.quant.Nudge;
import org.qat4j.core.quant.NudgedRange;
import org.qat4j.core.quant.Rounding;

/**
 * The per-channel constants of TensorFlow's fake quantization, derived once per step from the
 * (min, max) parameters: the nudged range, the scale, the inverse scale and the quantized zero.
 *
 * <p>Every value is float32 and comes from qat-core's {@link Nudge} (TF's nudge, the zero point
 * rounded half away from zero; docs/quantization.md eq. 4 to 7), plus TF's {@code quantZero =
 * floor(-nudgedMin * invScale + 0.5)} ({@link Rounding#HALF_UP}, eq. 9). {@code invScale} is
 * TF's separately computed {@code (quantMax - quantMin) / (max - min)}, not {@code 1 / scale}.
 *
 * <p>A channel with {@code min == max == 0} is a "zero range": TensorFlow outputs zeros there and
 * passes the gradient through. Its constants are all zero so that the per-channel forward
 * ({@code floor(0 * 0 - 0 + 0.5) * 0}) produces exact zeros without a special case.
 */
public final class NudgedRanges {

    private final int quantMin;
    private final int quantMax;
    private final float[] nudgedMin;
    private final float[] nudgedMax;
    private final float[] scale;
    private final float[] invScale;
    private final float[] quantZero;
    private final float[] zeroPoint;
    private final boolean[] zeroRange;

    private NudgedRanges(int quantMin, int quantMax, int channels) {
        this.quantMin = quantMin;
        this.quantMax = quantMax;
        this.nudgedMin = new float[channels];
        this.nudgedMax = new float[channels];
        this.scale = new float[channels];
        this.invScale = new float[channels];
        this.quantZero = new float[channels];
        this.zeroPoint = new float[channels];
        this.zeroRange = new boolean[channels];
    }

    /**
     * Nudges every channel's range.
     *
     * @param min per-channel minimum (length 1 for per-tensor quantization)
     * @param max per-channel maximum, same length as {@code min}
     * @param grid the integer grid (bits and narrow range)
     * @return the nudged constants
     * @throws IllegalArgumentException if the lengths differ, or a channel's range is one
     *     {@link Nudge} rejects (not finite, {@code min >= max} other than {@code 0, 0}, too
     *     narrow or too wide); the message names the channel
     */
    public static NudgedRanges of(float[] min, float[] max, QuantGrid grid) {
        if (min.length != max.length || min.length == 0) {
            throw new IllegalArgumentException("min has " + min.length + " channels and max has "
                    + max.length + "; both need the same positive number of channels");
        }
        NudgedRanges r = new NudgedRanges(grid.quantMin(), grid.quantMax(), min.length);
        for (int c = 0; c < min.length; c++) {
            if (min[c] == 0f && max[c] == 0f) {
                r.zeroRange[c] = true;
                continue;
            }
            NudgedRange n;
            try {
                n = Nudge.nudge(min[c], max[c], grid.quantMin(), grid.quantMax());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channel " + c + ": " + e.getMessage(), e);
            }
            r.nudgedMin[c] = n.min();
            r.nudgedMax[c] = n.max();
            r.scale[c] = n.scale();
            r.zeroPoint[c] = n.zeroPoint();
            r.invScale[c] = n.inverseScale();
            r.quantZero[c] = Rounding.HALF_UP.round(-n.min() * n.inverseScale());
        }
        return r;
    }

    /** @return the number of channels (1 for per-tensor quantization) */
    public int channels() {
        return scale.length;
    }

    /** @return the lowest integer of the grid (0, or 1 with narrow range) */
    public int quantMin() {
        return quantMin;
    }

    /** @return the highest integer of the grid, {@code 2^bits - 1} */
    public int quantMax() {
        return quantMax;
    }

    /** @return a copy of the nudged minima */
    public float[] nudgedMin() {
        return nudgedMin.clone();
    }

    /** @return a copy of the nudged maxima */
    public float[] nudgedMax() {
        return nudgedMax.clone();
    }

    /** @return a copy of the scales */
    public float[] scale() {
        return scale.clone();
    }

    /** @return a copy of the inverse scales {@code (quantMax - quantMin) / (max - min)} */
    public float[] invScale() {
        return invScale.clone();
    }

    /** @return a copy of the quantized zeros {@code floor(-nudgedMin * invScale + 0.5)} */
    public float[] quantZero() {
        return quantZero.clone();
    }

    /** @return a copy of the nudged zero points, integers on the grid {@code [quantMin, quantMax]} */
    public float[] zeroPoint() {
        return zeroPoint.clone();
    }

    /**
     * @param channel a channel index
     * @return whether the channel's range is {@code min == max == 0}
     */
    public boolean isZeroRange(int channel) {
        return zeroRange[channel];
    }

    /** @return whether any channel has a zero range */
    public boolean anyZeroRange() {
        for (boolean z : zeroRange) {
            if (z) {
                return true;
            }
        }
        return false;
    }

    float nudgedMinAt(int c) {
        return nudgedMin[c];
    }

    float nudgedMaxAt(int c) {
        return nudgedMax[c];
    }

    float scaleAt(int c) {
        return scale[c];
    }

    float invScaleAt(int c) {
        return invScale[c];
    }

    float quantZeroAt(int c) {
        return quantZero[c];
    }

    float zeroPointAt(int c) {
        return zeroPoint[c];
    }

    @Override
    public String toString() {
        return "NudgedRanges[grid=[" + quantMin + ", " + quantMax + "], nudgedMin="
                + Arrays.toString(nudgedMin) + ", nudgedMax=" + Arrays.toString(nudgedMax)
                + ", scale=" + Arrays.toString(scale) + "]";
    }
}
