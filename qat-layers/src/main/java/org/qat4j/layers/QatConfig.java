package org.qat4j.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;
import org.qat4j.layers.weight.WeightQuantSpec;

/**
 * Network-wide quantization-aware-training policy, immutable: the weight scheme, the activation
 * scheme, per-layer overrides (by index or name in the float network) and the updater of the
 * learned ranges.
 *
 * <p>Defaults ({@link #tfliteInt8()}) follow the TFLite int8 spec: weights int8 symmetric per
 * output channel in {@code [-127, 127]} with zero point 0; activations int8 asymmetric per tensor
 * (256 levels, TF's nudged grid); batch normalization folded into the preceding convolution or
 * dense layer.
 */
public final class QatConfig {

    private final WeightQuantSpec weight;
    private final ActivationQuantSpec activation;
    private final Map<Integer, LayerOverride> byIndex;
    private final Map<String, LayerOverride> byName;
    private final IUpdater rangeUpdater;
    private final boolean foldBatchNorm;

    private QatConfig(Builder b) {
        this.weight = b.weight;
        this.activation = b.activation;
        this.byIndex = Collections.unmodifiableMap(new LinkedHashMap<>(b.byIndex));
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(b.byName));
        this.rangeUpdater = b.rangeUpdater == null ? null : b.rangeUpdater.clone();
        this.foldBatchNorm = b.foldBatchNorm;
    }

    /** @return the TFLite int8 defaults */
    public static QatConfig tfliteInt8() {
        return builder().build();
    }

    /** @return a builder starting from the TFLite int8 defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default weight scheme */
    public WeightQuantSpec weight() {
        return weight;
    }

    /** @return the default activation scheme */
    public ActivationQuantSpec activation() {
        return activation;
    }

    /** @return overrides keyed by layer index in the float network */
    public Map<Integer, LayerOverride> overridesByIndex() {
        return byIndex;
    }

    /** @return overrides keyed by layer name in the float network */
    public Map<String, LayerOverride> overridesByName() {
        return byName;
    }

    /** @return a copy of the updater for range parameters, or null to reuse each layer's updater */
    public IUpdater rangeUpdater() {
        return rangeUpdater == null ? null : rangeUpdater.clone();
    }

    /** @return whether batch normalization after a convolution or dense layer is folded into it */
    public boolean foldBatchNorm() {
        return foldBatchNorm;
    }

    /**
     * Resolves a float-network layer's settings.
     *
     * @param index the layer's index in the float network
     * @param name the layer's name, or null
     * @return the defaults with the layer's override applied
     * @throws IllegalArgumentException if the layer has overrides both by index and by name
     */
    public LayerPolicy policyFor(int index, String name) {
        LayerOverride o = byIndex.get(index);
        LayerOverride n = name == null ? null : byName.get(name);
        if (o != null && n != null) {
            throw new IllegalArgumentException("layer " + index + " '" + name
                    + "' has an override by index and one by name; keep only one");
        }
        LayerPolicy defaults = new LayerPolicy(false, weight, activation);
        LayerOverride chosen = o != null ? o : n;
        return chosen == null ? defaults : chosen.applyTo(defaults);
    }

    @Override
    public String toString() {
        return "QatConfig[weight=" + weight + ", activation=" + activation + ", byIndex=" + byIndex + ", byName="
                + byName + ", rangeUpdater=" + rangeUpdater + ", foldBatchNorm=" + foldBatchNorm + "]";
    }

    /** Builds a {@link QatConfig}; starts from the TFLite int8 defaults. */
    public static final class Builder {

        private WeightQuantSpec weight = WeightQuantSpec.int8PerChannelSymmetric();
        private ActivationQuantSpec activation = ActivationQuantSpec.int8PerTensor();
        private final Map<Integer, LayerOverride> byIndex = new LinkedHashMap<>();
        private final Map<String, LayerOverride> byName = new LinkedHashMap<>();
        private IUpdater rangeUpdater;
        private boolean foldBatchNorm = true;

        private Builder() {
        }

        /**
         * @param spec the weight scheme of every quantized layer
         * @return this builder
         */
        public Builder weight(WeightQuantSpec spec) {
            this.weight = Objects.requireNonNull(spec, "weight spec is null");
            return this;
        }

        /**
         * @param spec the scheme of every activation quantizer
         * @return this builder
         */
        public Builder activation(ActivationQuantSpec spec) {
            this.activation = Objects.requireNonNull(spec, "activation spec is null");
            return this;
        }

        /**
         * @param index the layer's index in the float network
         * @param override the change for that layer
         * @return this builder
         */
        public Builder override(int index, LayerOverride override) {
            if (index < 0) {
                throw new IllegalArgumentException("override for layer index " + index + "; indices start at 0");
            }
            byIndex.put(index, Objects.requireNonNull(override, "override is null"));
            return this;
        }

        /**
         * @param layerName the layer's name in the float network
         * @param override the change for that layer
         * @return this builder
         */
        public Builder override(String layerName, LayerOverride override) {
            byName.put(Objects.requireNonNull(layerName, "layer name is null"),
                    Objects.requireNonNull(override, "override is null"));
            return this;
        }

        /**
         * @param updater trains every range parameter (null: each quantizer uses the updater of the
         *     layer before it)
         * @return this builder
         */
        public Builder rangeUpdater(IUpdater updater) {
            this.rangeUpdater = updater;
            return this;
        }

        /**
         * @param fold whether to fold batch normalization into the preceding layer (default true;
         *     false rejects networks with batch normalization unless that layer is skipped)
         * @return this builder
         */
        public Builder foldBatchNorm(boolean fold) {
            this.foldBatchNorm = fold;
            return this;
        }

        /** @return the immutable configuration */
        public QatConfig build() {
            return new QatConfig(this);
        }
    }
}
