package org.qat4j.layers.export;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.FusedActivation;
import org.qat4j.core.graph.GraphLimits;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.kernels.AccumulatorBound;
import org.qat4j.layers.weight.WeightQuantSpec;

/**
 * The parameters of the integer ops a QAT layer becomes: weights moved to the engine's layout
 * ({@link WeightLayout}), the int32 bias ({@link BiasQuantizer}), the window ({@link
 * LayerGeometry}), and the identity op that requantizes a tensor onto another grid.
 */
final class WeightedOps {

    /**
     * The integer weight of the identity and window-sum ops, with weight scale {@code 1 / 64}
     * (times {@code 1 / (kH * kW)} for averages). The real weight is 1 either way, but TFLite's
     * requantization rounds twice, first to {@code 2^-shift} of an output step; a 64 times larger
     * accumulator and 64 times smaller multiplier make that first rounding 64 times finer, so
     * the result is the single rounding the training forward performed except within 1/128 of
     * a step of a tie. 64 is a power of two, so the multiplier keeps its mantissa.
     */
    static final int UNIT_WEIGHT = 64;

    /** A fully-connected layer's weights and bias. */
    record Dense(QuantizedWeights weights, int[] bias) {
    }

    /** A convolution's filter, bias and window. */
    record Conv(QuantizedWeights filter, int[] bias, ConvWindow window) {
    }

    private WeightedOps() {
    }

    /**
     * Checks that the layer's weights fit the engine: symmetric (zero point 0), at most 8 bits.
     *
     * @throws IllegalArgumentException naming the layer otherwise
     */
    static void requireExportable(WeightedLayerInfo w, String where) {
        WeightQuantSpec spec = w.quantized().spec();
        if (!spec.symmetric()) {
            throw new IllegalArgumentException(where + " has asymmetric weights (a zero point per channel); the "
                    + "integer engine, like TFLite, takes symmetric weights with zero point 0: prepare with "
                    + "WeightQuantSpec.perChannelSymmetric(bits)");
        }
    }

    /**
     * @param w the layer ({@code [nIn, nOut]} weights)
     * @param featureOrder DL4J input feature at each engine input position, or null
     * @param inputScale the scale of the layer's input
     * @param where names the layer in messages
     * @return the engine's {@code [nOut, nIn]} weights and the int32 bias
     */
    static Dense dense(WeightedLayerInfo w, int[] featureOrder, float inputScale, String where) {
        long[] shape = w.weightShape();
        int nIn = (int) shape[0];
        int nOut = (int) shape[1];
        org.qat4j.layers.weight.QuantizedWeights q = w.quantized();
        byte[] values = WeightLayout.denseToOutIn(q.values(), nIn, nOut, featureOrder);
        Shape engineShape = Shape.of(nOut, nIn);
        float[] scales = q.scales();
        int bits = q.spec().numBits();
        QuantizedWeights weights = q.spec().perChannel()
                ? QuantizedWeights.perChannel(engineShape, values, scales, bits)
                : QuantizedWeights.perTensor(engineShape, values, scales[0], bits);
        return new Dense(weights, BiasQuantizer.quantize(w.bias(), nOut, inputScale, scales, where));
    }

    /**
     * @param w the layer ({@code [outC, inC, kH, kW]} weights)
     * @param input the engine's {@code [H, W, C]} input shape
     * @param extraPadding padding of preceding zero-padding layers
     * @param inputScale the scale of the layer's input
     * @param where names the layer in messages
     * @return the engine's {@code [outC, kH, kW, inC]} filter, the int32 bias and the window
     */
    static Conv conv(WeightedLayerInfo w, Shape input, Padding extraPadding, float inputScale, String where) {
        long[] shape = w.weightShape();
        int outC = (int) shape[0];
        int inC = (int) shape[1];
        int kH = (int) shape[2];
        int kW = (int) shape[3];
        org.qat4j.layers.weight.QuantizedWeights q = w.quantized();
        byte[] values = WeightLayout.convolutionToOhwi(q.values(), outC, inC, kH, kW);
        Shape engineShape = Shape.of(outC, kH, kW, inC);
        float[] scales = q.scales();
        int bits = q.spec().numBits();
        // The engine's convolution is per channel only; a per-tensor scale is repeated across the
        // output channels, which is what TFLite's convolution does with a per-tensor filter (same
        // double-precision multiplier per channel).
        float[] channelScales = q.spec().perChannel() ? scales : repeated(scales[0], outC);
        QuantizedWeights filter = QuantizedWeights.perChannel(engineShape, values, channelScales, bits);
        ConvWindow window = LayerGeometry.convolution(where, (ConvolutionLayer) w.config(), input, extraPadding);
        return new Conv(filter, BiasQuantizer.quantize(w.bias(), outC, inputScale, scales, where), window);
    }

    private static float[] repeated(float value, int count) {
        float[] out = new float[count];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /**
     * Whether {@link #averageAsConvolution} fits the engine's limits for this input and window:
     * the {@code [C, kH, kW, C]} filter within the tensor limit and its depth {@code kH * kW * C}
     * within the accumulator bound.
     */
    static boolean fitsAverageAsConvolution(Shape input, PoolWindow window) {
        long channels = input.dim(2);
        long depth = (long) window.filterHeight() * window.filterWidth() * channels;
        return depth <= AccumulatorBound.MAX_DEPTH && depth * channels <= GraphLimits.MAX_TENSOR_ELEMENTS;
    }

    /**
     * Appends unpadded average pooling whose result goes straight onto the grid {@code out}, with
     * one rounding, as the training forward computes it (float average of grid values, then the
     * fake-quant layer): a convolution whose filter sums each channel's {@code kH x kW} window
     * (integer weight {@link #UNIT_WEIGHT} from a channel to itself, 0 elsewhere) with weight scale
     * {@code 1 / (kH * kW * UNIT_WEIGHT)} in float32 and bias 0, so the requantization multiplier
     * is {@code s_in / (kH * kW) / s_out} in real terms.
     *
     * @return the output tensor
     */
    static int averageAsConvolution(IntegerGraphBuilder b, String name, int input, PoolWindow window,
            Quantization out) {
        Shape shape = b.shape(input);
        int channels = shape.dim(2);
        int kH = window.filterHeight();
        int kW = window.filterWidth();
        byte[] sum = new byte[channels * kH * kW * channels];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < kH; y++) {
                for (int x = 0; x < kW; x++) {
                    sum[((c * kH + y) * kW + x) * channels + c] = UNIT_WEIGHT;
                }
            }
        }
        float[] scales = new float[channels];
        // float32 division, rounded to nearest; exact when kH * kW is a power of two
        java.util.Arrays.fill(scales, 1f / ((float) kH * kW * UNIT_WEIGHT));
        QuantizedWeights filter = QuantizedWeights.perChannel(Shape.of(channels, kH, kW, channels), sum, scales, 8);
        ConvWindow conv = ConvWindow.of(window.strideHeight(), window.strideWidth(), Padding.valid());
        return b.conv2d(name, input, filter, new int[channels], conv, out, FusedActivation.NONE);
    }

    /**
     * Appends an op that moves {@code input} onto the grid {@code out}, then clamps for {@code
     * activation}: TFLite's requantization {@code q_out = zp_out + M (q_in - zp_in)}, {@code M =
     * s_in / s_out} in fixed point. The engine has no op of that name, so it is written as the
     * identity layer that computes exactly that: a 1x1 convolution (feature maps) or a
     * fully-connected layer (vectors) from each channel to itself with integer weight {@link
     * #UNIT_WEIGHT}, weight scale {@code 1 / UNIT_WEIGHT} and bias 0, so that the multiplier is
     * {@code s_in / s_out} in real terms.
     *
     * @return the output tensor
     * @throws IllegalArgumentException if the identity weights would exceed the engine's tensor limit
     */
    static int requantize(IntegerGraphBuilder b, String name, int input, Quantization out, FusedActivation activation) {
        Shape shape = b.shape(input);
        int channels = shape.dim(shape.rank() - 1);
        if ((long) channels * channels > GraphLimits.MAX_TENSOR_ELEMENTS) {
            throw new IllegalArgumentException(channels + " channels need a " + channels + "x" + channels
                    + " identity to requantize, beyond the engine's tensor limit " + GraphLimits.MAX_TENSOR_ELEMENTS);
        }
        byte[] identity = new byte[channels * channels];
        for (int c = 0; c < channels; c++) {
            identity[c * channels + c] = UNIT_WEIGHT; // [out][in] rows, or [out][1][1][in] filters
        }
        float[] unitScales = new float[channels];
        java.util.Arrays.fill(unitScales, 1f / UNIT_WEIGHT); // exact: a power of two
        int[] zeroBias = new int[channels];
        ActivationClamp clamp = activation.clampFor(out);
        if (shape.rank() == 3) {
            QuantizedWeights filter = QuantizedWeights.perChannel(Shape.of(channels, 1, 1, channels), identity,
                    unitScales, 8);
            return b.conv2d(name, input, filter, zeroBias, ConvWindow.of(1, 1, Padding.valid()), out, clamp);
        }
        if (shape.rank() == 1) {
            QuantizedWeights weights = QuantizedWeights.perChannel(Shape.of(channels, channels), identity, unitScales, 8);
            return b.fullyConnected(name, input, weights, zeroBias, out, clamp);
        }
        throw new IllegalArgumentException("cannot requantize a tensor of shape " + shape);
    }
}
