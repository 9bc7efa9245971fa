package org.qat4j.layers.export;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.Shape;

/**
 * DL4J's convolution and pooling geometry in the integer engine's terms.
 *
 * <p>{@code ConvolutionMode.Truncate} and {@code Strict} use the layer's explicit padding on both
 * sides; {@code Same} pads as TensorFlow's SAME does (the smaller half above and left), which is
 * how DL4J splits it too. {@code Causal} (1-D only) and NHWC-format layers are not exported.
 * DL4J pools skip padded positions (max) and, unless {@code avgPoolIncludePadInDivisor} is set,
 * leave them out of the average's count, as the engine does.
 */
final class LayerGeometry {

    private LayerGeometry() {
    }

    /**
     * @param where names the layer in messages
     * @param conv the layer configuration
     * @param input the engine's {@code [H, W, C]} input shape
     * @param extra padding of a preceding {@code ZeroPaddingLayer}, added to the layer's own
     * @return the convolution window
     */
    static ConvWindow convolution(String where, ConvolutionLayer conv, Shape input, Padding extra) {
        requireNchw(where, conv.getCnn2dDataFormat());
        int[] k = conv.getKernelSize();
        int[] s = conv.getStride();
        int[] d = conv.getDilation();
        Padding own = padding(where, conv.getConvolutionMode(), conv.getPadding(), input, extra, k, s, d);
        return new ConvWindow(s[0], s[1], d[0], d[1], add(own, extra));
    }

    /**
     * @param where names the layer in messages
     * @param pool the layer configuration (max or average pooling)
     * @param input the engine's {@code [H, W, C]} input shape
     * @return the pooling window
     */
    static PoolWindow pooling(String where, SubsamplingLayer pool, Shape input) {
        requireNchw(where, pool.getCnn2dDataFormat());
        int[] k = pool.getKernelSize();
        int[] s = pool.getStride();
        int[] d = pool.getDilation();
        if (d != null && (d[0] != 1 || d[1] != 1)) {
            throw new IllegalArgumentException(where + " has pooling dilation " + d[0] + "x" + d[1]
                    + "; the integer engine pools undilated windows only: use dilation 1");
        }
        Padding padding = padding(where, pool.getConvolutionMode(), pool.getPadding(), input, Padding.valid(), k, s,
                new int[] {1, 1});
        boolean padded = padding.top() + padding.left() + padding.bottom() + padding.right() > 0;
        if (pool.getPoolingType() == PoolingType.AVG && padded && pool.isAvgPoolIncludePadInDivisor()) {
            throw new IllegalArgumentException(where + " averages padding into its divisor "
                    + "(avgPoolIncludePadInDivisor); the integer engine, like TFLite, counts only positions inside "
                    + "the image: set avgPoolIncludePadInDivisor(false) and retrain, or avoid padding");
        }
        try {
            return new PoolWindow(k[0], k[1], s[0], s[1], padding);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Padding padding(String where, ConvolutionMode mode, int[] explicit, Shape input, Padding extra,
            int[] k, int[] s, int[] d) {
        ConvolutionMode m = mode == null ? ConvolutionMode.Truncate : mode;
        switch (m) {
            case Truncate:
            case Strict:
                return Padding.symmetric(explicit[0], explicit[1]);
            case Same:
                return Padding.same(input.dim(0) + extra.top() + extra.bottom(), input.dim(1) + extra.left()
                        + extra.right(), k[0], k[1], s[0], s[1], d[0], d[1]);
            default:
                throw new IllegalArgumentException(where + " uses ConvolutionMode." + m
                        + ", which the exporter does not map; use Truncate, Strict or Same");
        }
    }

    private static Padding add(Padding a, Padding b) {
        return new Padding(a.top() + b.top(), a.left() + b.left(), a.bottom() + b.bottom(), a.right() + b.right());
    }

    private static void requireNchw(String where, CNN2DFormat format) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(where + " uses data format " + format + "; the exporter reads "
                    + "DL4J's default NCHW layers only: build the network with CNN2DFormat.NCHW");
        }
    }
}
