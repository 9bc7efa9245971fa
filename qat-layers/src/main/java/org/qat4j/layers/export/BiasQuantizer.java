package org.qat4j.layers.export;

import org.qat4j.core.quant.Rounding;

/**
 * The int32 bias of a quantized convolution or dense layer, as TFLite's converter computes it
 * ({@code SymmetricPerChannelBiasQuantize} and {@code SymmetricPerLayerBiasQuantize} in
 * {@code tensorflow/lite/tools/optimize/quantization_utils.cc}).
 *
 * <p>Per output channel {@code c}, in this order:
 * <pre>
 *   s[c]   = s_in * s_w[c]                       float32 product
 *   inv[c] = (float) (1.0 / s[c])                 divided in double, rounded to float32
 *   q[c]   = round_half_away_from_zero(b[c] * inv[c])   float32 product, then std::round
 * </pre>
 * The bias scale is {@code s[c]}, zero point 0. {@link Rounding#HALF_AWAY_FROM_ZERO} is
 * {@code std::round}. Multiplying by the float inverse instead of dividing can move a result that
 * lies within a few float ulps of a half-integer to the other neighbour; qat4j keeps TFLite's
 * order so that the same trained numbers give the same integers. Either way the bias differs from
 * the float bias by at most half a bias step, {@code s_in * s_w[c] / 2}, which is far below one
 * output step.
 *
 * <p>TFLite silently clamps a result beyond {@code [-(2^31 - 1), 2^31 - 1]}; qat4j refuses it,
 * because a clamped bias no longer matches the trained network.
 */
public final class BiasQuantizer {

    /** Largest bias magnitude: {@code 2^31 - 1} (TFLite's bound, symmetric). */
    public static final long MAX_MAGNITUDE = Integer.MAX_VALUE;

    private BiasQuantizer() {
    }

    /**
     * Quantizes a layer's bias.
     *
     * @param bias the float bias, one per output channel, or null for a layer without bias (all 0)
     * @param channels the number of output channels
     * @param inputScale the scale of the layer's input activation
     * @param weightScales one weight scale per output channel, or a single per-tensor scale
     * @param layer names the layer in error messages
     * @return one int32 per output channel, at scale {@code inputScale * weightScales[c]}
     * @throws IllegalArgumentException if a bias is not finite or its integer exceeds the int32
     *     range, naming the layer, the channel, the value and the scale
     */
    public static int[] quantize(float[] bias, int channels, float inputScale, float[] weightScales, String layer) {
        if (bias != null && bias.length != channels) {
            throw new IllegalArgumentException(layer + ": " + bias.length + " biases for " + channels
                    + " output channels");
        }
        if (weightScales.length != 1 && weightScales.length != channels) {
            throw new IllegalArgumentException(layer + ": " + weightScales.length + " weight scales for " + channels
                    + " output channels; give one per channel or one per tensor");
        }
        int[] q = new int[channels];
        if (bias == null) {
            return q;
        }
        for (int c = 0; c < channels; c++) {
            float scale = inputScale * weightScales[weightScales.length == 1 ? 0 : c];
            float inverse = (float) (1.0 / scale);
            if (!Float.isFinite(bias[c])) {
                throw new IllegalArgumentException(layer + ": bias of channel " + c + " is " + bias[c]
                        + "; a finite bias is needed (the training diverged?)");
            }
            float rounded = Rounding.HALF_AWAY_FROM_ZERO.round(bias[c] * inverse);
            if (!(Math.abs((double) rounded) <= MAX_MAGNITUDE)) {
                throw new IllegalArgumentException(layer + ": bias " + bias[c] + " of channel " + c
                        + " is " + rounded + " steps of s_in * s_w = " + scale + ", outside the int32 range [-"
                        + MAX_MAGNITUDE + ", " + MAX_MAGNITUDE + "]; the weight or input scale is implausibly small"
                        + " for this bias: retrain with a wider activation range or regularise the bias");
            }
            q[c] = (int) rounded;
        }
        return q;
    }
}
