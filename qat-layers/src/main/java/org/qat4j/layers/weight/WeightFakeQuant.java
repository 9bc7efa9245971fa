package org.qat4j.layers.weight;

import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight fake quantization for DL4J's {@code DenseLayer}, {@code OutputLayer} and
 * {@code ConvolutionLayer}, attached with {@code .weightNoise(new WeightFakeQuant(spec))}.
 *
 * <p>These layers fetch {@code W} through {@code getParamWithNoise} in both the forward and the
 * backward pass; this returns {@link WeightQuantizer#fakeQuantize} of the float weights, in
 * training and in inference. The gradient DL4J computes for the quantized weights is applied to
 * the float weights: the straight-through estimator. Biases (and every other parameter) pass
 * unchanged and stay float.
 *
 * <p>A Jackson bean (no-arg constructor, getter and setter per field) so that DL4J's JSON and
 * {@code ModelSerializer} round-trip it.
 */
public final class WeightFakeQuant implements IWeightNoise {

    private static final long serialVersionUID = 1L;

    /** The DL4J key of the weights of every supported layer. */
    public static final String WEIGHT_KEY = "W";

    private int numBits = 8;
    private boolean symmetric = true;
    private boolean perChannel = true;
    private boolean narrowRange = true;

    /** TFLite's scheme: int8, symmetric, per output channel, [-127, 127]. */
    public WeightFakeQuant() {
    }

    /** @param spec the weight scheme */
    public WeightFakeQuant(WeightQuantSpec spec) {
        this.numBits = spec.numBits();
        this.symmetric = spec.symmetric();
        this.perChannel = spec.perChannel();
        this.narrowRange = spec.narrowRange();
    }

    /** @return the scheme, validated */
    public WeightQuantSpec spec() {
        return new WeightQuantSpec(numBits, symmetric, perChannel, narrowRange);
    }

    @Override
    public INDArray getParameter(Layer layer, String paramKey, int iteration, int epoch, boolean train,
            LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        INDArray param = layer.getParam(paramKey);
        if (!WEIGHT_KEY.equals(paramKey) || !conf.initializer().isWeightParam(conf, paramKey)) {
            return param;
        }
        WeightQuantSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + conf.getLayerName() + "' (index " + layer.getIndex()
                    + "): " + e.getMessage(), e);
        }
        return WeightQuantizer.fakeQuantize(param, spec, WeightQuantizer.channelAxisOf(conf));
    }

    @Override
    public WeightFakeQuant clone() {
        WeightFakeQuant c = new WeightFakeQuant();
        c.numBits = numBits;
        c.symmetric = symmetric;
        c.perChannel = perChannel;
        c.narrowRange = narrowRange;
        return c;
    }

    /** @return bits per weight */
    public int getNumBits() {
        return numBits;
    }

    /** @param numBits bits per weight, 2 to 8 */
    public void setNumBits(int numBits) {
        this.numBits = numBits;
    }

    /** @return whether the zero point is 0 */
    public boolean isSymmetric() {
        return symmetric;
    }

    /** @param symmetric whether the zero point is 0 */
    public void setSymmetric(boolean symmetric) {
        this.symmetric = symmetric;
    }

    /** @return whether each output channel has its own scale */
    public boolean isPerChannel() {
        return perChannel;
    }

    /** @param perChannel whether each output channel has its own scale */
    public void setPerChannel(boolean perChannel) {
        this.perChannel = perChannel;
    }

    /** @return whether the lowest integer is excluded */
    public boolean isNarrowRange() {
        return narrowRange;
    }

    /** @param narrowRange whether the lowest integer is excluded */
    public void setNarrowRange(boolean narrowRange) {
        this.narrowRange = narrowRange;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightFakeQuant w && w.numBits == numBits && w.symmetric == symmetric
                && w.perChannel == perChannel && w.narrowRange == narrowRange;
    }

    @Override
    public int hashCode() {
        return Objects.hash(numBits, symmetric, perChannel, narrowRange);
    }

    @Override
    public String toString() {
        return "WeightFakeQuant(numBits=" + numBits + ", symmetric=" + symmetric + ", perChannel="
                + perChannel + ", narrowRange=" + narrowRange + ")";
    }
}
