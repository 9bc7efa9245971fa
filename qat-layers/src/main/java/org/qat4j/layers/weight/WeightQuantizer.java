package org.qat4j.layers.weight;

import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.qat4j.layers.fakequant.Nd4jFakeQuant;
import org.qat4j.layers.fakequant.NudgedRanges;
import org.qat4j.layers.fakequant.QuantGrid;

/**
 * Weight quantization with ND4J: the one code path behind both the fake-quantized weights of the
 * training forward ({@link #fakeQuantize}) and the integers handed to the exporter
 * ({@link #quantize}), so that {@code (q - zeroPoint) * scale} equals the training weights bit for
 * bit.
 *
 * <p>Symmetric, per channel {@code c} (float32): {@code scale[c] = max|w_c| / qMax} with {@code
 * qMax = 2^(b-1) - 1} (a channel of zeros gets scale 1); {@code q = clamp(round(w / scale[c]),
 * -qMax, qMax)} where {@code round} is half away from zero (ND4J's {@code round}, as
 * {@code std::round}) and a negative zero is made positive; the training weight is {@code q *
 * scale[c]}. The integers are those of qat-core's {@code Quantizer.quantizePerChannel} with
 * {@code Rounding.HALF_AWAY_FROM_ZERO} (TFLite's quantize) for these scales, and the training
 * weights those of its {@code dequantizePerChannel} (the tests check both bit for bit). TFLite's converter multiplies
 * by {@code 1 / scale} instead of dividing; qat4j's exporter takes these integers, so its weights
 * are exactly the trained ones.
 *
 * <p>Asymmetric: TensorFlow's nudged fake quantization ({@link Nd4jFakeQuant}, equal to qat-core's
 * {@code FakeQuant.forwardPerChannel}) over the range {@code [min(w_c, 0), max(w_c, 0)]},
 * integers shifted by {@code -2^(b-1)} to signed values; a channel of zeros gets scale 1 and zero
 * point 0.
 */
public final class WeightQuantizer {

    private WeightQuantizer() {
    }

    /**
     * @param w float weights; not modified
     * @param spec the scheme
     * @param channelAxis the output-channel axis (used when {@code spec.perChannel()})
     * @return the fake-quantized weights, same shape, order and data type as {@code w}
     */
    public static INDArray fakeQuantize(INDArray w, WeightQuantSpec spec, int channelAxis) {
        Integers ints = integers(w, spec, channelAxis);
        INDArray out = ints.stepsFromZero;
        if (spec.perChannel()) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(out, vector(ints.scales, w), out, channelAxis));
            return out;
        }
        return out.muli(ints.scales[0]);
    }

    /**
     * @param w float weights; not modified
     * @param spec the scheme
     * @param channelAxis the output-channel axis (used when {@code spec.perChannel()})
     * @return the integers, scales and zero points that reproduce {@link #fakeQuantize}
     */
    public static QuantizedWeights quantize(INDArray w, WeightQuantSpec spec, int channelAxis) {
        Integers ints = integers(w, spec, channelAxis);
        double[] steps = ints.stepsFromZero.dup('c').data().asDouble();
        int axis = spec.perChannel() ? channelAxis : -1;
        long[] shape = w.shape();
        int[] values = new int[steps.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) steps[i] + ints.zeroPoints[QuantizedWeights.channelOf(shape, axis, i)];
        }
        return new QuantizedWeights(shape, axis, values, ints.scales, ints.zeroPoints, spec);
    }

    /**
     * The output-channel axis of a supported layer's weight {@code W}.
     *
     * @param layer a layer configuration
     * @return 1 for {@link DenseLayer} and {@link OutputLayer} ({@code [nIn, nOut]}), 0 for
     *     {@link ConvolutionLayer} and {@link Convolution2D} ({@code [nOut, nIn, kH, kW]})
     * @throws IllegalArgumentException naming the layer for any other type
     */
    public static int channelAxisOf(Layer layer) {
        Class<?> type = layer.getClass();
        if (type == ConvolutionLayer.class || type == Convolution2D.class) {
            return 0;
        }
        if (type == DenseLayer.class || type == OutputLayer.class) {
            return 1;
        }
        throw new IllegalArgumentException("layer '" + layer.getLayerName() + "' is a "
                + type.getSimpleName() + "; weight fake quantization supports DenseLayer, OutputLayer and "
                + "ConvolutionLayer only; skip this layer in QatConfig or replace it");
    }

    /** Integers relative to the zero point ({@code q - zeroPoint}), with scales and zero points. */
    private record Integers(INDArray stepsFromZero, float[] scales, int[] zeroPoints) {
    }

    private static Integers integers(INDArray w, WeightQuantSpec spec, int channelAxis) {
        if (spec.perChannel() && (channelAxis < 0 || channelAxis >= w.rank())) {
            throw new IllegalArgumentException("channel axis " + channelAxis + " is outside the weight rank "
                    + w.rank() + "; use 1 for dense and 0 for convolution weights");
        }
        return spec.symmetric() ? symmetric(w, spec, channelAxis) : asymmetric(w, spec, channelAxis);
    }

    private static Integers symmetric(INDArray w, WeightQuantSpec spec, int axis) {
        float qMax = spec.quantMax();
        float[] absMax = spec.perChannel()
                ? w.amax(otherAxes(w.rank(), axis)).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector()
                : new float[] {w.amaxNumber().floatValue()};
        float[] scales = new float[absMax.length];
        for (int c = 0; c < scales.length; c++) {
            scales[c] = absMax[c] == 0f ? 1f : absMax[c] / qMax;
        }
        INDArray q = w.dup(w.ordering());
        if (spec.perChannel()) {
            Nd4j.getExecutioner().exec(new BroadcastDivOp(q, vector(scales, w), q, axis));
        } else {
            q.divi(scales[0]);
        }
        Transforms.round(q, false);
        // round(-0.3) is -0.0; adding +0.0 makes it +0.0, so q * scale is bit-identical to the
        // exported (0 - 0) * scale.
        q.addi(0f);
        Nd4j.getExecutioner().exec(new ScalarMin(q, null, q, qMax));
        Nd4j.getExecutioner().exec(new ScalarMax(q, null, q, -qMax));
        return new Integers(q, scales, new int[scales.length]);
    }

    private static Integers asymmetric(INDArray w, WeightQuantSpec spec, int axis) {
        float[] lo;
        float[] hi;
        if (spec.perChannel()) {
            int[] others = otherAxes(w.rank(), axis);
            lo = w.min(others).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
            hi = w.max(others).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
        } else {
            lo = new float[] {w.minNumber().floatValue()};
            hi = new float[] {w.maxNumber().floatValue()};
        }
        for (int c = 0; c < lo.length; c++) {
            lo[c] = Math.min(lo[c], 0f);
            hi[c] = Math.max(hi[c], 0f);
        }
        NudgedRanges ranges = NudgedRanges.of(lo, hi, new QuantGrid(spec.numBits(), spec.narrowRange()));
        INDArray steps = w.ulike();
        if (spec.perChannel()) {
            Nd4jFakeQuant.gridIndexPerChannel(w, ranges, axis, steps);
        } else {
            Nd4jFakeQuant.gridIndexPerTensor(w, ranges, steps);
        }
        float[] scales = ranges.scale();
        float[] zeroPoint = ranges.zeroPoint();
        int[] zeroPoints = new int[scales.length];
        int shift = 1 << (spec.numBits() - 1);
        for (int c = 0; c < scales.length; c++) {
            if (ranges.isZeroRange(c)) {
                scales[c] = 1f;
            } else {
                zeroPoints[c] = (int) zeroPoint[c] - shift;
            }
        }
        return new Integers(steps, scales, zeroPoints);
    }

    private static int[] otherAxes(int rank, int axis) {
        int[] dims = new int[rank - 1];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d != axis) {
                dims[k++] = d;
            }
        }
        return dims;
    }

    private static INDArray vector(float[] values, INDArray like) {
        return Nd4j.createFromArray(values).castTo(like.dataType());
    }
}
