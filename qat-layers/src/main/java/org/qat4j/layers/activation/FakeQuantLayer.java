package org.qat4j.layers.activation;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qat4j.layers.fakequant.QuantGrid;
import org.qat4j.layers.observe.MovingAverageMinMaxObserver;
import org.qat4j.layers.observe.RangeObserver;

/**
 * Configuration of an activation fake-quant layer: TensorFlow's nudged fake quantization with a
 * trainable range ({@code min}, {@code max}; one pair per tensor or per channel along axis 1).
 *
 * <p>The output has the input's shape ({@code [N, F]}, {@code [N, C, H, W]}, any rank): the layer
 * inserts no preprocessor. Its parameters are bias-like, so L1/L2 and weight decay configured for
 * weights leave them alone, and the bias updater (if any) trains them. The activation function a
 * network's global configuration gives every layer is ignored.
 *
 * <p>Range life cycle: the parameters start at {@code initialMin}/{@code initialMax} (default 0,
 * 0 meaning "not yet set"). During the first {@code observerBatches} training forward passes the
 * {@link RangeObserver} sets them from the data (no range gradient flows then); afterwards they
 * are learned with the chosen {@link RangeGradient}. After every observer update and every
 * optimizer step the {@link RangeRule} keeps 0 inside the range and a width of at least {@code
 * minRangeWidth}. {@code observedBatches} counts observed batches and is saved with the network.
 *
 * <p>Every field has a getter and a setter and there is a public no-arg constructor: DL4J's JSON
 * (and so {@code ModelSerializer}) round-trips the configuration.
 */
public class FakeQuantLayer extends BaseLayer {

    private static final long serialVersionUID = 1L;

    /** Default bit width: int8. */
    public static final int DEFAULT_BITS = 8;
    /** Default number of training batches the observer sets the range from. */
    public static final int DEFAULT_OBSERVER_BATCHES = 16;
    /** Default smallest range width kept by {@link RangeRule}. */
    public static final double DEFAULT_MIN_RANGE_WIDTH = 1e-3;

    private int numBits = DEFAULT_BITS;
    private boolean narrowRange;
    private boolean perChannel;
    private long numChannels = 1;
    private RangeGradient rangeGradient = RangeGradient.TF;
    private RangeObserver observer = new MovingAverageMinMaxObserver();
    private int observerBatches = DEFAULT_OBSERVER_BATCHES;
    private int observedBatches;
    private double minRangeWidth = DEFAULT_MIN_RANGE_WIDTH;
    private double initialMin;
    private double initialMax;

    /** For JSON deserialization; use {@link Builder}. */
    public FakeQuantLayer() {
    }

    private FakeQuantLayer(Builder b) {
        super(b);
        this.numBits = b.numBits;
        this.narrowRange = b.narrowRange;
        this.perChannel = b.perChannel;
        this.numChannels = b.numChannels;
        this.rangeGradient = b.rangeGradient;
        this.observer = b.observer;
        this.observerBatches = b.observerBatches;
        this.minRangeWidth = b.minRangeWidth;
        this.initialMin = b.initialMin;
        this.initialMax = b.initialMax;
        check(-1, false);
    }

    /**
     * Checks every setting.
     *
     * @param layerIndex the layer's index in its network, or -1 if unknown; used in messages
     * @throws IllegalArgumentException naming the layer, the value found, the allowed range and
     *     the fix
     */
    public void validate(int layerIndex) {
        check(layerIndex, true);
    }

    private void check(int layerIndex, boolean channelsKnown) {
        String who = describe(layerIndex);
        if (numBits < QuantGrid.MIN_BITS || numBits > QuantGrid.MAX_BITS) {
            throw new IllegalArgumentException(who + ": numBits " + numBits + " is outside ["
                    + QuantGrid.MIN_BITS + ", " + QuantGrid.MAX_BITS + "]; use 8 for int8");
        }
        if (perChannel && numChannels < (channelsKnown ? 1 : 0)) {
            throw new IllegalArgumentException(who + ": per-channel quantization with numChannels "
                    + numChannels + "; give the channel count (>= 1) or set the network's input type");
        }
        if (!perChannel && numChannels != 1) {
            throw new IllegalArgumentException(who + ": per-tensor quantization with numChannels "
                    + numChannels + "; a per-tensor range has exactly 1 channel");
        }
        Objects.requireNonNull(rangeGradient, () -> who + ": rangeGradient is null; use TF or LSQ");
        Objects.requireNonNull(observer, () -> who + ": observer is null; use MovingAverageMinMaxObserver");
        if (observerBatches < 0 || observedBatches < 0) {
            throw new IllegalArgumentException(who + ": observerBatches " + observerBatches
                    + " / observedBatches " + observedBatches + " is negative; use 0 or more");
        }
        if (!(minRangeWidth > 0) || Double.isInfinite(minRangeWidth)) {
            throw new IllegalArgumentException(who + ": minRangeWidth " + minRangeWidth
                    + " is not a positive finite number; use " + DEFAULT_MIN_RANGE_WIDTH);
        }
        boolean unset = initialMin == 0 && initialMax == 0;
        if (!unset && !(initialMin < initialMax)) {
            throw new IllegalArgumentException(who + ": initial range min " + initialMin
                    + " >= max " + initialMax + "; give min < max, or 0 and 0 to let the observer set it");
        }
        if (!unset && (initialMin > 0 || initialMax < 0)) {
            throw new IllegalArgumentException(who + ": initial range [" + initialMin + ", "
                    + initialMax + "] does not contain 0; widen it so that min <= 0 <= max");
        }
    }

    /**
     * @param layerIndex index in the network, or -1
     * @return "FakeQuantLayer 'name' (layer 3)" or a shorter form when name or index is unknown
     */
    public String describe(int layerIndex) {
        StringBuilder sb = new StringBuilder("FakeQuantLayer");
        if (layerName != null) {
            sb.append(" '").append(layerName).append('\'');
        }
        if (layerIndex >= 0) {
            sb.append(" (layer ").append(layerIndex).append(')');
        }
        return sb.toString();
    }

    /** @return the integer grid of this layer */
    public QuantGrid grid() {
        return new QuantGrid(numBits, narrowRange);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView,
            boolean initializeParams, DataType networkDataType) {
        validate(layerIndex);
        FakeQuantLayerImpl layer = new FakeQuantLayerImpl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> table = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return FakeQuantParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null) {
            throw new IllegalStateException(describe(layerIndex) + ": input type is null");
        }
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!perChannel || inputType == null || (numChannels > 0 && !override)) {
            return;
        }
        switch (inputType.getType()) {
            case FF -> numChannels = ((InputType.InputTypeFeedForward) inputType).getSize();
            case RNN -> numChannels = ((InputType.InputTypeRecurrent) inputType).getSize();
            case CNN -> numChannels = ((InputType.InputTypeConvolutional) inputType).getChannels();
            case CNNFlat -> numChannels = ((InputType.InputTypeConvolutionalFlat) inputType).getDepth();
            default -> throw new IllegalArgumentException(describe(-1) + ": per-channel ranges for "
                    + inputType + " are not supported; use per-tensor quantization");
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
        return new LayerMemoryReport.Builder(layerName, FakeQuantLayer.class, inputType, inputType)
                .standardMemory(params, updaterState)
                .workingMemory(0, 0, inputType.arrayElementsPerExample(), inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public FakeQuantLayer clone() {
        FakeQuantLayer c = (FakeQuantLayer) super.clone();
        c.observer = observer == null ? null : observer.copy();
        return c;
    }

    /** @return bits per value, 2 to 16 */
    public int getNumBits() {
        return numBits;
    }

    /** @param numBits bits per value, 2 to 16 */
    public void setNumBits(int numBits) {
        this.numBits = numBits;
    }

    /** @return whether the lowest grid level is excluded */
    public boolean isNarrowRange() {
        return narrowRange;
    }

    /** @param narrowRange whether the lowest grid level is excluded */
    public void setNarrowRange(boolean narrowRange) {
        this.narrowRange = narrowRange;
    }

    /** @return whether each channel (axis 1) has its own range */
    public boolean isPerChannel() {
        return perChannel;
    }

    /** @param perChannel whether each channel (axis 1) has its own range */
    public void setPerChannel(boolean perChannel) {
        this.perChannel = perChannel;
    }

    /** @return the number of ranges: the channel count, or 1 per tensor */
    public long getNumChannels() {
        return numChannels;
    }

    /** @param numChannels the number of ranges */
    public void setNumChannels(long numChannels) {
        this.numChannels = numChannels;
    }

    /** @return how the range is trained */
    public RangeGradient getRangeGradient() {
        return rangeGradient;
    }

    /** @param rangeGradient how the range is trained */
    public void setRangeGradient(RangeGradient rangeGradient) {
        this.rangeGradient = rangeGradient;
    }

    /** @return the observer that sets the range from data */
    public RangeObserver getObserver() {
        return observer;
    }

    /** @param observer the observer that sets the range from data */
    public void setObserver(RangeObserver observer) {
        this.observer = observer;
    }

    /** @return how many training batches the observer runs before the range is learned */
    public int getObserverBatches() {
        return observerBatches;
    }

    /** @param observerBatches how many training batches the observer runs */
    public void setObserverBatches(int observerBatches) {
        this.observerBatches = observerBatches;
    }

    /** @return how many batches the observer has seen (training or calibration) */
    public int getObservedBatches() {
        return observedBatches;
    }

    /** @param observedBatches how many batches the observer has seen */
    public void setObservedBatches(int observedBatches) {
        this.observedBatches = observedBatches;
    }

    /** @return the smallest range width the {@link RangeRule} keeps */
    public double getMinRangeWidth() {
        return minRangeWidth;
    }

    /** @param minRangeWidth the smallest range width the {@link RangeRule} keeps */
    public void setMinRangeWidth(double minRangeWidth) {
        this.minRangeWidth = minRangeWidth;
    }

    /** @return the initial value of every channel's min (0 with max 0: not set) */
    public double getInitialMin() {
        return initialMin;
    }

    /** @param initialMin the initial value of every channel's min */
    public void setInitialMin(double initialMin) {
        this.initialMin = initialMin;
    }

    /** @return the initial value of every channel's max (0 with min 0: not set) */
    public double getInitialMax() {
        return initialMax;
    }

    /** @param initialMax the initial value of every channel's max */
    public void setInitialMax(double initialMax) {
        this.initialMax = initialMax;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FakeQuantLayer f) || !super.equals(o)) {
            return false;
        }
        return numBits == f.numBits && narrowRange == f.narrowRange && perChannel == f.perChannel
                && numChannels == f.numChannels && rangeGradient == f.rangeGradient
                && Objects.equals(observer, f.observer) && observerBatches == f.observerBatches
                && observedBatches == f.observedBatches
                && Double.compare(minRangeWidth, f.minRangeWidth) == 0
                && Double.compare(initialMin, f.initialMin) == 0
                && Double.compare(initialMax, f.initialMax) == 0;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FakeQuantLayer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), numBits, narrowRange, perChannel, numChannels,
                rangeGradient, observer, observerBatches, observedBatches, minRangeWidth, initialMin,
                initialMax);
    }

    @Override
    public String toString() {
        return "FakeQuantLayer(name=" + layerName + ", numBits=" + numBits + ", narrowRange="
                + narrowRange + ", perChannel=" + perChannel + ", numChannels=" + numChannels
                + ", rangeGradient=" + rangeGradient + ", observer=" + observer + ", observerBatches="
                + observerBatches + ", observedBatches=" + observedBatches + ", minRangeWidth="
                + minRangeWidth + ", initialMin=" + initialMin + ", initialMax=" + initialMax + ")";
    }

    /** Builds a {@link FakeQuantLayer}; defaults: 8 bits, full range, per tensor, TF gradients. */
    public static class Builder extends BaseLayer.Builder<Builder> {

        private int numBits = DEFAULT_BITS;
        private boolean narrowRange;
        private boolean perChannel;
        private long numChannels = 1;
        private RangeGradient rangeGradient = RangeGradient.TF;
        private RangeObserver observer = new MovingAverageMinMaxObserver();
        private int observerBatches = DEFAULT_OBSERVER_BATCHES;
        private double minRangeWidth = DEFAULT_MIN_RANGE_WIDTH;
        private double initialMin;
        private double initialMax;

        /** Starts from the defaults. */
        public Builder() {
        }

        /**
         * @param numBits bits per value, 2 to 16
         * @return this builder
         */
        public Builder numBits(int numBits) {
            this.numBits = numBits;
            return this;
        }

        /**
         * @param narrowRange whether to exclude the lowest grid level
         * @return this builder
         */
        public Builder narrowRange(boolean narrowRange) {
            this.narrowRange = narrowRange;
            return this;
        }

        /**
         * One range for the whole tensor (the default).
         *
         * @return this builder
         */
        public Builder perTensor() {
            this.perChannel = false;
            this.numChannels = 1;
            return this;
        }

        /**
         * One range per channel of axis 1.
         *
         * @param channels the channel count; 0 to take it from the network's input type
         * @return this builder
         */
        public Builder perChannel(long channels) {
            this.perChannel = true;
            this.numChannels = channels;
            return this;
        }

        /**
         * @param rangeGradient how the range is trained
         * @return this builder
         */
        public Builder rangeGradient(RangeGradient rangeGradient) {
            this.rangeGradient = rangeGradient;
            return this;
        }

        /**
         * @param observer sets the range from data before it is learned
         * @return this builder
         */
        public Builder observer(RangeObserver observer) {
            this.observer = observer;
            return this;
        }

        /**
         * @param observerBatches training batches the observer runs before the range is learned
         * @return this builder
         */
        public Builder observerBatches(int observerBatches) {
            this.observerBatches = observerBatches;
            return this;
        }

        /**
         * @param minRangeWidth smallest range width kept after updates
         * @return this builder
         */
        public Builder minRangeWidth(double minRangeWidth) {
            this.minRangeWidth = minRangeWidth;
            return this;
        }

        /**
         * Starts every channel at a given range instead of letting the observer set it.
         *
         * @param min initial minimum, at most 0
         * @param max initial maximum, at least 0 and above {@code min}
         * @return this builder
         */
        public Builder initialRange(double min, double max) {
            this.initialMin = min;
            this.initialMax = max;
            return this;
        }

        /**
         * @param <E> the type the caller expects: {@link FakeQuantLayer} or a supertype
         * @return the validated configuration
         */
        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) new FakeQuantLayer(this);
        }
    }
}
