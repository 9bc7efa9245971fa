package org.qat4j.layers.weight;

import java.util.Arrays;
import org.qat4j.core.quant.PerChannelQuantParams;
import org.qat4j.core.quant.QuantParams;
import org.qat4j.core.quant.QuantScheme;

/**
 * Integer weights exactly as training saw them: {@code w' = (q - zeroPoint[c]) * scale[c]} in
 * float32 reproduces, bit for bit, the fake-quantized weights of the training forward.
 *
 * @param shape the weight tensor's shape (DL4J layout: dense {@code [nIn, nOut]}, convolution
 *     {@code [nOut, nIn, kH, kW]})
 * @param channelAxis the axis the scales run along (1 for dense, 0 for convolution), or -1 for
 *     one scale per tensor
 * @param values signed integers in C order, within {@code [spec.quantMin(), spec.quantMax()]}
 * @param scales one scale per channel (one for per-tensor), positive
 * @param zeroPoints one signed zero point per channel; all 0 for symmetric weights
 * @param spec the scheme that produced them
 */
public record QuantizedWeights(long[] shape, int channelAxis, int[] values, float[] scales, int[] zeroPoints,
        WeightQuantSpec spec) {

    /** Checks consistency and copies the arrays. */
    public QuantizedWeights {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (values.length != n) {
            throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
        }
        int channels = channelAxis < 0 ? 1 : (int) shape[channelAxis];
        if (scales.length != channels || zeroPoints.length != channels) {
            throw new IllegalArgumentException(scales.length + " scales and " + zeroPoints.length
                    + " zero points for " + channels + " channels");
        }
        shape = shape.clone();
        values = values.clone();
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return a copy of the integers, C order */
    @Override
    public int[] values() {
        return values.clone();
    }

    /** @return a copy of the scales */
    @Override
    public float[] scales() {
        return scales.clone();
    }

    /** @return a copy of the zero points */
    @Override
    public int[] zeroPoints() {
        return zeroPoints.clone();
    }

    /**
     * @return qat-core's storage scheme of these integers: signed, {@code spec.numBits()} bits,
     *     symmetric or not, narrow range as in the spec, channel axis or {@link
     *     QuantScheme#PER_TENSOR}
     */
    public QuantScheme scheme() {
        return new QuantScheme(spec.numBits(), true, spec.symmetric(), spec.narrowRange(),
                channelAxis < 0 ? QuantScheme.PER_TENSOR : channelAxis);
    }

    /**
     * @return qat-core's per-channel parameters (for per-channel weights)
     * @throws IllegalStateException for per-tensor weights (use {@link #tensorParams()})
     */
    public PerChannelQuantParams channelParams() {
        if (channelAxis < 0) {
            throw new IllegalStateException("per-tensor weights have one scale; use tensorParams()");
        }
        return new PerChannelQuantParams(scales, zeroPoints, channelAxis);
    }

    /**
     * @return qat-core's parameters (for per-tensor weights)
     * @throws IllegalStateException for per-channel weights (use {@link #channelParams()})
     */
    public QuantParams tensorParams() {
        if (channelAxis >= 0) {
            throw new IllegalStateException("per-channel weights have " + scales.length
                    + " scales; use channelParams()");
        }
        return QuantParams.of(scales[0], zeroPoints[0], scheme());
    }

    /** @return the integers narrowed to bytes (every spec has at most 8 bits), C order */
    public byte[] int8Values() {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /**
     * @param flatIndex an index into {@link #values()} (C order)
     * @return the channel whose scale applies to it
     */
    public int channelOf(int flatIndex) {
        return channelOf(shape, channelAxis, flatIndex);
    }

    static int channelOf(long[] shape, int channelAxis, int flatIndex) {
        if (channelAxis < 0) {
            return 0;
        }
        long inner = 1;
        for (int d = channelAxis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return (int) ((flatIndex / inner) % shape[channelAxis]);
    }

    /**
     * @return {@code (q - zeroPoint) * scale} in float32, C order: the training forward's
     *     fake-quantized weights
     */
    public float[] dequantize() {
        float[] w = new float[values.length];
        for (int i = 0; i < w.length; i++) {
            int c = channelOf(i);
            w[i] = (float) (values[i] - zeroPoints[c]) * scales[c];
        }
        return w;
    }
}
