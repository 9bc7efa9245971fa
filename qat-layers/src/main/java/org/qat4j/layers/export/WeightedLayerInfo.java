package org.qat4j.layers.export;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.qat4j.layers.weight.QuantizedWeights;
import org.qat4j.layers.weight.WeightQuantSpec;

/**
 * A dense or convolution layer of a QAT network: its float parameters exactly as the training
 * forward reads them (batch norm already folded in), its weight scheme, and the integers that
 * reproduce the fake-quantized weights bit for bit ({@code quantized.dequantize()}).
 *
 * @param index the layer's index in the QAT network
 * @param name the layer's name
 * @param kind dense or convolution
 * @param config a copy of the DL4J layer configuration (geometry: kernel, stride, padding, mode)
 * @param weightShape DL4J weight shape: dense {@code [nIn, nOut]}, convolution {@code [nOut, nIn, kH, kW]}
 * @param floatWeights the float weights in C order (before fake quantization)
 * @param bias the float bias, one per output channel, or null if the layer has none (biases stay float)
 * @param spec the weight scheme
 * @param quantized the integer weights, scales and zero points
 * @param fusedActivation the activation applied to the layer output before the next quantizer
 */
public record WeightedLayerInfo(int index, String name, Kind kind, Layer config, long[] weightShape,
        float[] floatWeights, float[] bias, WeightQuantSpec spec, QuantizedWeights quantized,
        IActivation fusedActivation) implements QatLayerInfo {

    /** The layer type. */
    public enum Kind {
        /** {@code DenseLayer}: {@code y = x W + b}, W {@code [nIn, nOut]}, output channels on axis 1. */
        DENSE,
        /** {@code ConvolutionLayer}: W {@code [nOut, nIn, kH, kW]}, output channels on axis 0. */
        CONVOLUTION
    }

    /** Copies the arrays. */
    public WeightedLayerInfo {
        weightShape = weightShape.clone();
        floatWeights = floatWeights.clone();
        bias = bias == null ? null : bias.clone();
    }

    /** @return a copy of the weight shape */
    @Override
    public long[] weightShape() {
        return weightShape.clone();
    }

    /** @return a copy of the float weights, C order */
    @Override
    public float[] floatWeights() {
        return floatWeights.clone();
    }

    /** @return a copy of the float bias, or null */
    @Override
    public float[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** @return the fake-quantized weights the training forward multiplies by, C order */
    public float[] trainingWeights() {
        return quantized.dequantize();
    }
}
