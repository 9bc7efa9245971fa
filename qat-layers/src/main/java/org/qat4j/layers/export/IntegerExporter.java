package org.qat4j.layers.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.IntegerGraph;

/**
 * Turns a QAT network (from {@code Qat.prepare}, calibrated or fine-tuned) into an integer-only
 * {@link IntegerModel} that computes what the network's fake-quantized forward simulated. See
 * docs/export.md.
 *
 * <p>Everything is taken from {@link QatExport#describe}: the frozen ranges, nudged exactly as
 * the training forward nudges them; the weight integers and scales the training forward
 * multiplied by (batch norm already folded in); the float biases, made int32 by {@link
 * BiasQuantizer}. Layer by layer:
 * <ul>
 *   <li>the first fake-quant layer: the graph input and its quantization;
 *   <li>dense / convolution + the fake-quant layer after it: one fully-connected / conv op whose
 *       output quantization is that layer's range, with a fused ReLU or ReLU6 as an output clamp;
 *       convolution weights go from DL4J's {@code [outC, inC, kH, kW]} to {@code [outC, kH, kW,
 *       inC]}; the first dense layer after a flatten permutes its inputs from DL4J's (c, h, w)
 *       order to the engine's (h, w, c) ({@link WeightLayout});
 *   <li>max pooling: a max-pool op on the input's grid, exact; average pooling: an average-pool
 *       op on the input's grid (integer rounding), then the following fake-quant layer's range by
 *       requantization;
 *   <li>an activation layer (ReLU, ReLU6) or a fake-quant layer right after another grid:
 *       requantization with that clamp ({@link WeightedOps#requantize});
 *   <li>dropout: nothing (inference); zero padding: folded into the next convolution's padding;
 *   <li>the loss layer: dropped; the model outputs the dequantized last tensor. If the loss layer
 *       applies softmax, that is the logits (same argmax); the model's provenance says so.
 * </ul>
 * Anything else (float layers left by a skip override, tanh or sigmoid in the middle, per-channel
 * or narrow-range or wider-than-8-bit activation ranges, asymmetric weights, an uninitialised
 * range) is refused with an exception naming the layer's index, name and type.
 */
public final class IntegerExporter {

    /** Provenance key: what the model's float output is. */
    public static final String OUTPUT_KEY = "qat4j.export.output";
    /** Provenance key: the source network. */
    public static final String SOURCE_KEY = "qat4j.export.source";
    /** Provenance key: how biases were rounded. */
    public static final String BIAS_ROUNDING_KEY = "qat4j.export.bias-rounding";

    private IntegerExporter() {
    }

    /**
     * Exports a QAT network.
     *
     * @param qatNet a network from {@code Qat.prepare} whose ranges are set; not modified
     * @param options description, labels and (if the network does not record it) the input image shape
     * @return the model, and which graph tensor holds each on-grid layer's output
     * @throws IllegalArgumentException naming the layer, for a layer or setting without an integer form
     * @throws IllegalStateException naming the layer, for a fake-quant layer without a range
     */
    public static ExportedModel export(MultiLayerNetwork qatNet, ExportOptions options) {
        Objects.requireNonNull(qatNet, "qatNet is null");
        Objects.requireNonNull(options, "options is null; use ExportOptions.defaults()");
        if (qatNet.getLayers() == null) {
            throw new IllegalArgumentException("the network is not initialized; export a network from Qat.prepare");
        }
        QatExport.Description description = QatExport.describe(qatNet);
        List<Layer> configs = new ArrayList<>();
        for (int i = 0; i < qatNet.getnLayers(); i++) {
            configs.add(qatNet.getLayer(i).conf().getLayer());
        }
        GraphWalk walk = new GraphWalk(description, configs, options);
        IntegerGraph graph = walk.run();
        ModelMetadata metadata = ModelMetadata.create(options.description(), options.classLabels(), InputLayout.NCHW)
                .withProvenance(SOURCE_KEY, "DL4J MultiLayerNetwork, " + qatNet.getnLayers() + " QAT layers")
                .withProvenance(BIAS_ROUNDING_KEY, "round half away from zero of b * (float) (1 / (s_in * s_w)), "
                        + "as TFLite's converter")
                .withProvenance(OUTPUT_KEY, walk.outputNote());
        return new ExportedModel(new IntegerModel(graph, metadata), walk.layerTensors());
    }
}
