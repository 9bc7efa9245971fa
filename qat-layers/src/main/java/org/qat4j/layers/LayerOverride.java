package org.qat4j.layers;

import org.qat4j.layers.fakequant.QuantGrid;
import org.qat4j.layers.weight.WeightQuantSpec;

/**
 * A per-layer change to the network-wide {@link QatConfig}: different bits (mixed precision),
 * weight symmetry or granularity, or leaving the layer in float. Null fields keep the default.
 *
 * @param weightBits bits for this layer's weights, 2 to 8, or null
 * @param activationBits bits for the activation quantizer after this layer, 2 to 16, or null
 * @param weightSymmetric symmetric (true) or asymmetric weights, or null
 * @param weightPerChannel per-output-channel (true) or per-tensor weight scales, or null
 * @param skip leave the layer in float: no weight quantizer and no quantizer after it
 */
public record LayerOverride(Integer weightBits, Integer activationBits, Boolean weightSymmetric,
        Boolean weightPerChannel, boolean skip) {

    /** Validates the bit widths that are given. */
    public LayerOverride {
        if (weightBits != null && (weightBits < WeightQuantSpec.MIN_BITS || weightBits > WeightQuantSpec.MAX_BITS)) {
            throw new IllegalArgumentException("override weightBits " + weightBits + " is outside ["
                    + WeightQuantSpec.MIN_BITS + ", " + WeightQuantSpec.MAX_BITS + "]; use 8 for int8 weights");
        }
        if (activationBits != null && (activationBits < QuantGrid.MIN_BITS || activationBits > QuantGrid.MAX_BITS)) {
            throw new IllegalArgumentException("override activationBits " + activationBits + " is outside ["
                    + QuantGrid.MIN_BITS + ", " + QuantGrid.MAX_BITS + "]; use 8 for int8");
        }
    }

    /** @return an override that changes nothing (start of a chain of withers) */
    public static LayerOverride none() {
        return new LayerOverride(null, null, null, null, false);
    }

    /** @return an override that leaves the layer in float */
    public static LayerOverride skipLayer() {
        return new LayerOverride(null, null, null, null, true);
    }

    /**
     * @param weight bits for the weights, 2 to 8
     * @param activation bits for the activation after the layer, 2 to 16
     * @return an override that changes only bit widths
     */
    public static LayerOverride bits(int weight, int activation) {
        return new LayerOverride(weight, activation, null, null, false);
    }

    /**
     * @param bits bits for the weights
     * @return this override with weight bits set
     */
    public LayerOverride withWeightBits(int bits) {
        return new LayerOverride(bits, activationBits, weightSymmetric, weightPerChannel, skip);
    }

    /**
     * @param bits bits for the activation after the layer
     * @return this override with activation bits set
     */
    public LayerOverride withActivationBits(int bits) {
        return new LayerOverride(weightBits, bits, weightSymmetric, weightPerChannel, skip);
    }

    /**
     * @param symmetric symmetric (narrow range, zero point 0) or asymmetric weights
     * @return this override with weight symmetry set
     */
    public LayerOverride withSymmetric(boolean symmetric) {
        return new LayerOverride(weightBits, activationBits, symmetric, weightPerChannel, skip);
    }

    /**
     * @param perChannel per-output-channel or per-tensor weight scales
     * @return this override with weight granularity set
     */
    public LayerOverride withPerChannel(boolean perChannel) {
        return new LayerOverride(weightBits, activationBits, weightSymmetric, perChannel, skip);
    }

    /**
     * @param defaults the network-wide settings
     * @return the settings for a layer with this override
     */
    public LayerPolicy applyTo(LayerPolicy defaults) {
        WeightQuantSpec w = defaults.weight();
        boolean symmetric = weightSymmetric != null ? weightSymmetric : w.symmetric();
        WeightQuantSpec weight = new WeightQuantSpec(weightBits != null ? weightBits : w.numBits(), symmetric,
                weightPerChannel != null ? weightPerChannel : w.perChannel(), symmetric || (weightSymmetric == null && w.narrowRange()));
        ActivationQuantSpec activation = activationBits != null ? defaults.activation().withBits(activationBits)
                : defaults.activation();
        return new LayerPolicy(skip || defaults.skip(), weight, activation);
    }
}
