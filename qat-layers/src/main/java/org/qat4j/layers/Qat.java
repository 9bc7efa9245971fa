package org.qat4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.export.ExportOptions;
import org.qat4j.layers.export.IntegerExporter;
import org.qat4j.layers.prepare.MultiLayerRewriter;

/**
 * Entry point of quantization-aware training for DL4J networks.
 *
 * <pre>{@code
 *   MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());
 *   Qat.calibrate(qat, trainData, 16);   // optional: ranges from data (post-training quantization)
 *   qat.fit(trainData, 2);               // fine-tune with fake quantization
 *   IntegerModel model = Qat.export(qat); // integer-only model for org.qat4j.core.runtime.Interpreter
 * }</pre>
 *
 * <p>Verbs copy: {@code prepare} returns a new network and never modifies the float one;
 * {@code calibrate} modifies the QAT network it is given (its ranges).
 */
public final class Qat {

    private Qat() {
    }

    /**
     * Builds the QAT twin of a float network: fake quantization at the input and after every
     * quantized layer's (fused) activation, weight fake quantization on dense, output and
     * convolution layers, batch norm folded into the layer before it.
     *
     * @param floatNet an initialized float network; not modified, its parameters are copied
     * @param config the policy
     * @return a new initialized network; its activation ranges are set by the first training
     *     batches or by {@link #calibrate}
     * @throws IllegalArgumentException naming the layer, for unsupported layers or settings
     */
    public static MultiLayerNetwork prepare(MultiLayerNetwork floatNet, QatConfig config) {
        Objects.requireNonNull(floatNet, "floatNet is null");
        Objects.requireNonNull(config, "config is null");
        if (floatNet.getLayers() == null) {
            throw new IllegalArgumentException("the float network is not initialized; call floatNet.init() first");
        }
        return MultiLayerRewriter.prepare(floatNet, config);
    }

    /**
     * Sets every activation range from data without training (post-training quantization).
     *
     * <p>Each fake-quant layer's observer restarts and sees the float activations of the given
     * batches (inference mode: dropout off, the layers pass values through unchanged meanwhile).
     * The observed-batch count becomes the number of batches used, so training observes further
     * only if that is below the layer's {@code observerBatches}.
     *
     * @param qatNet a network from {@link #prepare}; its ranges are overwritten
     * @param data batches to observe; reset first if it supports reset
     * @param batches how many batches to use, at least 1
     * @return the number of batches used (fewer if the iterator ran out)
     * @throws IllegalArgumentException if the network has no fake-quant layer, or {@code batches < 1}
     */
    public static int calibrate(MultiLayerNetwork qatNet, DataSetIterator data, int batches) {
        Objects.requireNonNull(qatNet, "qatNet is null");
        Objects.requireNonNull(data, "data is null");
        if (batches < 1) {
            throw new IllegalArgumentException("calibration batches " + batches + " is below 1; use 16 or more");
        }
        List<FakeQuantLayerImpl> quantizers = fakeQuantLayers(qatNet);
        if (quantizers.isEmpty()) {
            throw new IllegalArgumentException("the network has no FakeQuantLayer; prepare it with Qat.prepare first");
        }
        for (FakeQuantLayerImpl q : quantizers) {
            ((FakeQuantLayer) q.conf().getLayer()).setObservedBatches(0);
            q.setCalibrating(true);
        }
        int used = 0;
        try {
            if (data.resetSupported()) {
                data.reset();
            }
            while (used < batches && data.hasNext()) {
                DataSet ds = data.next();
                qatNet.output(ds.getFeatures(), false);
                used++;
            }
        } finally {
            for (FakeQuantLayerImpl q : quantizers) {
                q.setCalibrating(false);
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("the calibration iterator gave no batch; pass data with examples");
        }
        return used;
    }

    /**
     * Exports a QAT network to an integer-only model (docs/export.md): the ranges, folded weights
     * and weight integers exactly as the training forward used them, int32 biases, the layouts
     * moved to the engine's NHWC. The model takes the network's input in DL4J's NCHW order and
     * returns the dequantized last tensor (the logits when the loss layer applies softmax).
     *
     * @param qatNet a network from {@link #prepare}, calibrated or trained; not modified
     * @return the model
     * @throws IllegalArgumentException naming the layer, for a layer or setting without an integer form
     * @throws IllegalStateException naming the layer, for a fake-quant layer without a range
     */
    public static IntegerModel export(MultiLayerNetwork qatNet) {
        return export(qatNet, ExportOptions.defaults());
    }

    /**
     * As {@link #export(MultiLayerNetwork)}, with a description, class labels or the input image
     * shape.
     *
     * @param qatNet a network from {@link #prepare}, calibrated or trained; not modified
     * @param options what the model records besides the network
     * @return the model
     * @throws IllegalArgumentException naming the layer, for a layer or setting without an integer form
     * @throws IllegalStateException naming the layer, for a fake-quant layer without a range
     */
    public static IntegerModel export(MultiLayerNetwork qatNet, ExportOptions options) {
        Objects.requireNonNull(qatNet, "qatNet is null");
        return IntegerExporter.export(qatNet, options).model();
    }

    /**
     * @param net any network
     * @return its fake-quant layers in order
     */
    public static List<FakeQuantLayerImpl> fakeQuantLayers(MultiLayerNetwork net) {
        List<FakeQuantLayerImpl> out = new ArrayList<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof FakeQuantLayerImpl f) {
                out.add(f);
            }
        }
        return out;
    }
}
