package org.qat4j.layers.export;

import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A QAT-network layer without quantized parameters (pooling, dropout, activation, loss, or a
 * layer skipped by the policy), with its DL4J configuration.
 *
 * @param index the layer's index in the QAT network
 * @param name the layer's name
 * @param config a copy of the DL4J layer configuration
 */
public record FloatLayerInfo(int index, String name, Layer config) implements QatLayerInfo {
}
