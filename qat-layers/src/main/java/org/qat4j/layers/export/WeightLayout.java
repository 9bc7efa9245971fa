package org.qat4j.layers.export;

/**
 * Moves integer weights from DL4J's layouts to the integer engine's, which keeps the output
 * channel in dimension 0 and the input channel innermost (TFLite's layouts).
 *
 * <ul>
 *   <li>Convolution: DL4J {@code [outC, inC, kH, kW]} becomes {@code [outC, kH, kW, inC]}.
 *   <li>Dense: DL4J {@code [nIn, nOut]} ({@code y = x W}) becomes {@code [nOut, nIn]}; input
 *       feature {@code j} of the engine reads DL4J row {@code featureOrder[j]}.
 * </ul>
 *
 * <p>The feature order matters after a feature map is flattened: DL4J flattens an NCHW map in
 * {@code (c, h, w)} order, the engine an NHWC map in {@code (h, w, c)} order, so the first dense
 * layer after the flatten reads its weight rows permuted by {@link #chwIndexOfHwc}.
 */
public final class WeightLayout {

    private WeightLayout() {
    }

    /**
     * @param values DL4J convolution weights {@code [outC, inC, kH, kW]}, C order
     * @param outC output channels
     * @param inC input channels
     * @param kH kernel rows
     * @param kW kernel columns
     * @return the same weights as {@code [outC, kH, kW, inC]}, C order, narrowed to bytes
     */
    public static byte[] convolutionToOhwi(int[] values, int outC, int inC, int kH, int kW) {
        checkLength(values, (long) outC * inC * kH * kW);
        byte[] out = new byte[values.length];
        for (int o = 0; o < outC; o++) {
            for (int i = 0; i < inC; i++) {
                for (int y = 0; y < kH; y++) {
                    for (int x = 0; x < kW; x++) {
                        out[((o * kH + y) * kW + x) * inC + i] = narrow(values[((o * inC + i) * kH + y) * kW + x]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param values DL4J dense weights {@code [nIn, nOut]}, C order
     * @param nIn input features
     * @param nOut output features
     * @param featureOrder for each engine input position, the DL4J input feature it holds; null
     *     for the identity
     * @return the weights as {@code [nOut, nIn]}, C order, narrowed to bytes
     */
    public static byte[] denseToOutIn(int[] values, int nIn, int nOut, int[] featureOrder) {
        checkLength(values, (long) nIn * nOut);
        if (featureOrder != null && featureOrder.length != nIn) {
            throw new IllegalArgumentException("feature order has " + featureOrder.length + " entries for " + nIn
                    + " inputs");
        }
        byte[] out = new byte[values.length];
        for (int o = 0; o < nOut; o++) {
            for (int j = 0; j < nIn; j++) {
                int k = featureOrder == null ? j : featureOrder[j];
                out[o * nIn + j] = narrow(values[k * nOut + o]);
            }
        }
        return out;
    }

    /**
     * The flatten permutation: for each position {@code j = (h * width + w) * channels + c} of an
     * NHWC-flattened map, the position {@code (c * height + h) * width + w} of the same value in
     * DL4J's NCHW flatten.
     *
     * @param channels channels of the map
     * @param height rows
     * @param width columns
     * @return the permutation, {@code channels * height * width} entries
     */
    public static int[] chwIndexOfHwc(int channels, int height, int width) {
        int[] order = new int[channels * height * width];
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                for (int c = 0; c < channels; c++) {
                    order[(h * width + w) * channels + c] = (c * height + h) * width + w;
                }
            }
        }
        return order;
    }

    private static void checkLength(int[] values, long expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException(values.length + " weights, the shape needs " + expected);
        }
    }

    private static byte narrow(int v) {
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("weight " + v + " does not fit int8; weights have at most 8 bits");
        }
        return (byte) v;
    }
}
