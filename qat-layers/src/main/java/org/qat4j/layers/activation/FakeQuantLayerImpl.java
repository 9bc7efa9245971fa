package org.qat4j.layers.activation;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qat4j.layers.fakequant.LsqRangeGradients;
import org.qat4j.layers.fakequant.Nd4jFakeQuant;
import org.qat4j.layers.fakequant.NudgedRanges;
import org.qat4j.layers.fakequant.RangeGradients;
import org.qat4j.layers.observe.BatchRange;

/**
 * The running activation fake-quant layer configured by {@link FakeQuantLayer}.
 *
 * <p>Forward: optionally lets the observer update the range (first training batches, or while
 * calibrating), then applies {@link Nd4jFakeQuant}. Backward: the straight-through input
 * gradient and the configured range gradient; no range gradient flows in a batch whose range the
 * observer set. After every optimizer step {@link #applyConstraints} applies the {@link RangeRule}.
 */
public class FakeQuantLayerImpl extends BaseLayer<FakeQuantLayer> {

    private static final long serialVersionUID = 1L;

    private transient boolean calibrating;
    private transient boolean observedThisPass;

    /**
     * @param conf the layer's configuration, holding a {@link FakeQuantLayer}
     * @param dataType the network's data type
     */
    public FakeQuantLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Switches calibration on or off. While calibrating, inference passes feed every batch to
     * the observer and return their input unchanged (post-training calibration observes float
     * activations).
     *
     * @param calibrating whether to calibrate
     */
    public void setCalibrating(boolean calibrating) {
        this.calibrating = calibrating;
    }

    /** @return whether the layer is calibrating */
    public boolean isCalibrating() {
        return calibrating;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        FakeQuantLayer c = layerConf();
        observedThisPass = false;
        if (calibrating) {
            observe(input);
            return mgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        }
        if (training && c.getObservedBatches() < c.getObserverBatches()) {
            observe(input);
            observedThisPass = true;
        }
        NudgedRanges ranges = nudgedRanges();
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        if (c.isPerChannel()) {
            return Nd4jFakeQuant.forwardPerChannel(input, ranges, out);
        }
        return Nd4jFakeQuant.forwardPerTensor(input, ranges, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        FakeQuantLayer c = layerConf();
        NudgedRanges ranges = nudgedRanges();
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        RangeGradients g;
        if (c.getRangeGradient() == RangeGradient.LSQ) {
            float[] min = param(FakeQuantParamInitializer.MIN_KEY);
            float[] max = param(FakeQuantParamInitializer.MAX_KEY);
            g = c.isPerChannel()
                    ? LsqRangeGradients.backwardPerChannel(input, epsilon, min, max, ranges, dx)
                    : LsqRangeGradients.backwardPerTensor(input, epsilon, min, max, ranges, dx);
        } else {
            g = c.isPerChannel()
                    ? Nd4jFakeQuant.backwardPerChannel(input, epsilon, ranges, dx)
                    : Nd4jFakeQuant.backwardPerTensor(input, epsilon, ranges, dx);
        }
        INDArray dMinView = gradientViews.get(FakeQuantParamInitializer.MIN_KEY);
        INDArray dMaxView = gradientViews.get(FakeQuantParamInitializer.MAX_KEY);
        if (observedThisPass) {
            // The observer owns the range during its batches; the optimizer must not fight it.
            dMinView.assign(0);
            dMaxView.assign(0);
        } else {
            dMinView.assign(row(g.dMin(), dMinView));
            dMaxView.assign(row(g.dMax(), dMaxView));
        }
        Gradient out = new DefaultGradient();
        out.gradientForVariable().put(FakeQuantParamInitializer.MIN_KEY, dMinView);
        out.gradientForVariable().put(FakeQuantParamInitializer.MAX_KEY, dMaxView);
        return new Pair<>(out, g.dx());
    }

    /** Applies configured constraints, then the {@link RangeRule}, after each optimizer step. */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        super.applyConstraints(iteration, epoch);
        float[] min = param(FakeQuantParamInitializer.MIN_KEY);
        float[] max = param(FakeQuantParamInitializer.MAX_KEY);
        if (isInitialised(min, max) && RangeRule.apply(min, max, (float) layerConf().getMinRangeWidth())) {
            setRange(min, max);
        }
    }

    /**
     * @return a copy of the per-channel minima (float32)
     */
    public float[] rangeMin() {
        return param(FakeQuantParamInitializer.MIN_KEY);
    }

    /**
     * @return a copy of the per-channel maxima (float32)
     */
    public float[] rangeMax() {
        return param(FakeQuantParamInitializer.MAX_KEY);
    }

    /**
     * Overwrites the range parameters.
     *
     * @param min per-channel minima
     * @param max per-channel maxima
     */
    public void setRange(float[] min, float[] max) {
        INDArray minParam = getParam(FakeQuantParamInitializer.MIN_KEY);
        INDArray maxParam = getParam(FakeQuantParamInitializer.MAX_KEY);
        if (min.length != minParam.length() || max.length != maxParam.length()) {
            throw new IllegalArgumentException(layerConf().describe(index) + ": range of " + min.length
                    + "/" + max.length + " channels given, the layer has " + minParam.length());
        }
        minParam.assign(row(min, minParam));
        maxParam.assign(row(max, maxParam));
    }

    private void observe(INDArray x) {
        FakeQuantLayer c = layerConf();
        BatchRange batch = c.isPerChannel() ? BatchRange.perChannel(x) : BatchRange.perTensor(x);
        float[] min = rangeMin();
        float[] max = rangeMax();
        c.getObserver().update(min, max, batch.min(), batch.max(), c.getObservedBatches() == 0);
        RangeRule.apply(min, max, (float) c.getMinRangeWidth());
        setRange(min, max);
        c.setObservedBatches(c.getObservedBatches() + 1);
    }

    private NudgedRanges nudgedRanges() {
        float[] min = rangeMin();
        float[] max = rangeMax();
        String who = layerConf().describe(index);
        if (!isInitialised(min, max)) {
            throw new IllegalStateException(who + " has no range yet (min = max = 0): call "
                    + "Qat.calibrate(net, data, batches), train with observerBatches > 0, or set an initial range");
        }
        for (int ch = 0; ch < min.length; ch++) {
            if (!(min[ch] < max[ch])) {
                throw new IllegalStateException(who + ": channel " + ch + " has min " + min[ch]
                        + " >= max " + max[ch] + "; a range needs min < max (check the learning rate)");
            }
        }
        try {
            return NudgedRanges.of(min, max, layerConf().grid());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(who + ": " + e.getMessage(), e);
        }
    }

    private static boolean isInitialised(float[] min, float[] max) {
        for (int ch = 0; ch < min.length; ch++) {
            if (min[ch] != 0f || max[ch] != 0f) {
                return true;
            }
        }
        return false;
    }

    private float[] param(String key) {
        return getParam(key).dup().castTo(DataType.FLOAT).toFloatVector();
    }

    private static INDArray row(float[] values, INDArray like) {
        return Nd4j.createFromArray(values).castTo(like.dataType()).reshape(like.shape());
    }
}
