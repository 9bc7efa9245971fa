package org.qat4j.layers.export;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.qat4j.core.graph.FusedActivation;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.quant.QuantParams;
import org.qat4j.layers.prepare.LayerRole;

/** What the exporter accepts from a layer, with messages that name the layer and the fix. */
final class ExportChecks {

    private ExportChecks() {
    }

    /** The engine quantization of a fake-quant layer's range; per tensor, full range, 2 to 8 bits. */
    static Quantization quantization(ActivationQuantInfo a, String where) {
        if (a.perChannel()) {
            throw new IllegalArgumentException(where + " has per-channel activation ranges; the integer engine, "
                    + "like TFLite, quantizes activations per tensor: prepare with ActivationQuantSpec.withPerChannel(false)");
        }
        if (a.numBits() > 8) {
            throw new IllegalArgumentException(where + " quantizes activations to " + a.numBits() + " bits; the "
                    + "integer engine holds 2 to 8 bits: use at most 8");
        }
        if (a.narrowRange()) {
            throw new IllegalArgumentException(where + " uses a narrow-range activation grid; the integer engine's "
                    + "activations use the full grid, as TFLite's do: prepare without narrowRange");
        }
        QuantParams p;
        try {
            p = a.storageParams(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return new Quantization(p.scale(), p.zeroPoint(), a.numBits());
    }

    /** The engine's form of an activation: identity, ReLU (plain) or ReLU6; anything else is refused. */
    static FusedActivation fused(IActivation act, String where) {
        if (LayerRole.isIdentity(act)) {
            return FusedActivation.NONE;
        }
        if (act instanceof ActivationReLU6) {
            return FusedActivation.RELU6;
        }
        if (LayerRole.isFusable(act)) {
            return FusedActivation.RELU;
        }
        throw new IllegalArgumentException(where + " applies " + act + ", which has no integer form here (fused "
                + "activations: identity, ReLU, ReLU6); replace it, or keep it out of the quantized network");
    }

    /** The error for a layer type the exporter does not map (or a layer left in float). */
    static IllegalArgumentException unsupported(Layer c, String where) {
        String type = c.getClass().getSimpleName();
        if (type.equals("DenseLayer") || type.equals("ConvolutionLayer") || type.equals("Convolution2D")
                || type.equals("OutputLayer") || type.equals("BatchNormalization")) {
            return new IllegalArgumentException(where + " stays in float in the QAT network (skipped, or not "
                    + "prepared by Qat.prepare); the integer engine has no float layers: quantize it");
        }
        return new IllegalArgumentException(where + " is not supported by the exporter (supported: quantized "
                + "DenseLayer and ConvolutionLayer, FakeQuantLayer, SubsamplingLayer and GlobalPoolingLayer with MAX or "
                + "AVG, ActivationLayer with identity, ReLU or ReLU6, DropoutLayer, ZeroPaddingLayer before a "
                + "convolution, LossLayer last)");
    }

    /** Refuses a layer or preprocessor in any layout but DL4J's default NCHW. */
    static void requireNchw(String where, Object format) {
        if (format != null && !"NCHW".equals(format.toString())) {
            throw new IllegalArgumentException(where + " uses data format " + format + "; the exporter reads DL4J's "
                    + "default NCHW layout only");
        }
    }
}
