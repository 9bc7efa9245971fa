package org.qat4j.layers.export;

/**
 * One layer of a QAT network as the int8 exporter sees it.
 *
 * <p>Implementations: {@link WeightedLayerInfo} (dense or convolution with quantized weights),
 * {@link ActivationQuantInfo} (a fake-quant layer: the range of the tensor flowing past it) and
 * {@link FloatLayerInfo} (everything else: pooling, activation and loss layers, skipped layers).
 */
public sealed interface QatLayerInfo permits WeightedLayerInfo, ActivationQuantInfo, FloatLayerInfo {

    /** @return the layer's index in the QAT network */
    int index();

    /** @return the layer's name */
    String name();
}
