package org.qat4j.layers.prepare;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.qat4j.layers.activation.FakeQuantLayer;

/**
 * What a layer means for quantization. The rules are independent of the network type so that a
 * ComputationGraph rewriter can reuse them.
 */
public enum LayerRole {
    /** Dense or convolution: weights quantized, output quantized after its (fused) activation. */
    WEIGHTED,
    /** Output layer: split into a weighted dense layer, a quantizer on the logits and a loss layer. */
    OUTPUT,
    /** Batch normalization: folded into the weighted layer before it. */
    BATCH_NORM,
    /** An activation layer on its own: kept, its output quantized. */
    ACTIVATION,
    /** Keeps values on the input's grid (max pooling, dropout, zero padding): kept, nothing added. */
    GRID_PRESERVING,
    /** Changes values without weights (average pooling, global average pooling): kept, output quantized. */
    REQUANTIZING,
    /** A loss layer without parameters at the end of the network: kept. */
    LOSS,
    /** Already a fake-quant layer: the network was prepared before. */
    FAKE_QUANT,
    /** Anything else: Qat.prepare rejects it unless the layer is skipped. */
    UNSUPPORTED;

    /**
     * @param layer a layer configuration
     * @return its role
     */
    public static LayerRole of(Layer layer) {
        Class<?> type = layer.getClass();
        if (type == DenseLayer.class || type == ConvolutionLayer.class || type == Convolution2D.class) {
            return WEIGHTED;
        }
        if (type == OutputLayer.class) {
            return OUTPUT;
        }
        if (type == BatchNormalization.class) {
            return BATCH_NORM;
        }
        if (type == ActivationLayer.class) {
            return ACTIVATION;
        }
        if (type == SubsamplingLayer.class) {
            return ((SubsamplingLayer) layer).getPoolingType() == PoolingType.MAX ? GRID_PRESERVING : REQUANTIZING;
        }
        if (type == GlobalPoolingLayer.class) {
            return ((GlobalPoolingLayer) layer).getPoolingType() == PoolingType.MAX ? GRID_PRESERVING : REQUANTIZING;
        }
        if (type == DropoutLayer.class || type == ZeroPaddingLayer.class) {
            return GRID_PRESERVING;
        }
        if (type == LossLayer.class) {
            return LOSS;
        }
        if (type == FakeQuantLayer.class) {
            return FAKE_QUANT;
        }
        return UNSUPPORTED;
    }

    /**
     * Whether an activation can be fused into the layer before it (TFLite's fused activations):
     * identity, plain ReLU (no threshold, cap or slope) and ReLU6.
     *
     * @param activation an activation function
     * @return whether it needs no quantizer of its own
     */
    public static boolean isFusable(IActivation activation) {
        if (activation == null || activation instanceof ActivationIdentity || activation instanceof ActivationReLU6) {
            return true;
        }
        if (activation instanceof ActivationReLU r) {
            return isZeroOrNull(r.getMax()) && isZeroOrNull(r.getThreshold()) && isZeroOrNull(r.getNegativeSlope());
        }
        return false;
    }

    /**
     * @param activation an activation function
     * @return whether it is the identity (or absent)
     */
    public static boolean isIdentity(IActivation activation) {
        return activation == null || activation instanceof ActivationIdentity;
    }

    private static boolean isZeroOrNull(Double v) {
        return v == null || v == 0.0;
    }
}
