package org.qat4j.layers;

import java.util.Objects;
import org.qat4j.layers.weight.WeightQuantSpec;

/**
 * The resolved quantization settings of one layer: the network-wide {@link QatConfig} with the
 * layer's {@link LayerOverride} applied.
 *
 * @param skip leave the layer in float
 * @param weight the weight scheme (used by dense, output and convolution layers)
 * @param activation the scheme of the activation quantizer after the layer
 */
public record LayerPolicy(boolean skip, WeightQuantSpec weight, ActivationQuantSpec activation) {

    /** Checks the specs are present. */
    public LayerPolicy {
        Objects.requireNonNull(weight, "weight spec is null");
        Objects.requireNonNull(activation, "activation spec is null");
    }
}
