package org.qat4j.layers.export;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.qat4j.core.graph.FusedActivation;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.Shape;
import org.qat4j.layers.prepare.LayerRole;

/**
 * One pass over a described QAT network, appending integer ops to a graph builder. A weighted
 * layer or a standalone activation waits ({@link #pending}) for the fake-quant layer after it,
 * which supplies its output quantization; everything else is emitted at once. See {@link
 * IntegerExporter} for the mapping.
 */
final class GraphWalk {

    /** A layer whose op needs the quantization of the fake-quant layer that follows it. */
    private sealed interface Pending permits PendingWeighted, PendingActivation, PendingAverage {
        String where();
    }

    private record PendingWeighted(String where, WeightedLayerInfo info, FusedActivation activation,
            int[] featureOrder, Padding extraPadding) implements Pending {
    }

    private record PendingActivation(String where, String name, FusedActivation activation) implements Pending {
    }

    /** Average pooling: its output grid is the next fake-quant layer's, if one follows. */
    private record PendingAverage(String where, String name, PoolWindow window, boolean flatten) implements Pending {
    }

    private final QatExport.Description description;
    private final List<Layer> configs;
    private final ExportOptions options;
    private final IntegerGraphBuilder b = IntegerGraph.builder();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<Integer, String> layerTensors = new TreeMap<>();

    private InputPreProcessor inputPreProcessor;
    private int current = -1;
    private String currentName;
    /** For a vector {@link #current}: the DL4J feature index at each engine position; null = same order. */
    private int[] featureOrder;
    private Pending pending;
    private Padding pendingPadding;
    private String outputNote;

    GraphWalk(QatExport.Description description, List<Layer> configs, ExportOptions options) {
        this.description = description;
        this.configs = configs;
        this.options = options;
    }

    /** @return the finished, validated graph builder's graph */
    IntegerGraph run() {
        List<QatLayerInfo> layers = description.layers();
        for (int k = 0; k < layers.size(); k++) {
            QatLayerInfo info = layers.get(k);
            String where = where(info.index(), info.name(), configs.get(info.index()));
            applyPreProcessor(where, info.name(), description.preProcessors().get(info.index()));
            if (info instanceof ActivationQuantInfo a) {
                onQuantizer(a, where);
            } else if (info instanceof WeightedLayerInfo w) {
                onWeighted(w, where);
            } else {
                onFloat((FloatLayerInfo) info, where, k == layers.size() - 1);
            }
        }
        return finish();
    }

    /** @return for each QAT layer whose output lies on an integer grid, the graph tensor that holds it */
    Map<Integer, String> layerTensors() {
        return layerTensors;
    }

    /** @return what the model's float output is, for its provenance */
    String outputNote() {
        return outputNote;
    }

    static String where(int index, String name, Layer config) {
        return "layer " + index + " '" + name + "' (" + config.getClass().getSimpleName() + ")";
    }

    private void applyPreProcessor(String where, String layerName, InputPreProcessor pre) {
        if (pre == null) {
            return;
        }
        if (current < 0) {
            inputPreProcessor = pre; // shapes the graph input, read when it is declared
            return;
        }
        requireOnGrid(where);
        Shape shape = b.shape(current);
        if (pre instanceof CnnToFeedForwardPreProcessor p) {
            if (shape.rank() != 3 || p.getInputHeight() != shape.dim(0) || p.getInputWidth() != shape.dim(1)
                    || p.getNumChannels() != shape.dim(2)) {
                throw new IllegalArgumentException(where + ": its CnnToFeedForwardPreProcessor flattens "
                        + p.getNumChannels() + "x" + p.getInputHeight() + "x" + p.getInputWidth()
                        + " (CxHxW) maps, but the exported input here has shape " + shape + " (HxWxC); the layer "
                        + "geometry was not mapped as DL4J computes it");
            }
            ExportChecks.requireNchw(where, p.getFormat());
            String name = unique(layerName + "_flatten");
            emitted(name, b.flatten(name, current));
            // DL4J flattens (c, h, w), the engine (h, w, c): the next dense layer permutes its inputs.
            featureOrder = WeightLayout.chwIndexOfHwc(shape.dim(2), shape.dim(0), shape.dim(1));
        } else if (pre instanceof FeedForwardToCnnPreProcessor p && shape.rank() == 1 && featureOrder == null
                && (p.getNumChannels() == 1 || p.getInputHeight() * p.getInputWidth() == 1)) {
            // With one channel, or a 1x1 map, (c, h, w) and (h, w, c) are the same order.
            String name = unique(layerName + "_reshape");
            emitted(name, b.reshape(name, current,
                    Shape.of((int) p.getInputHeight(), (int) p.getInputWidth(), (int) p.getNumChannels())));
        } else {
            throw new IllegalArgumentException(where + " has preprocessor " + pre.getClass().getSimpleName()
                    + " on a " + shape + " input, which the exporter does not map (it maps CnnToFeedForward "
                    + "flattening, and FeedForwardToCnn at the network input or to one channel or a 1x1 map)");
        }
    }

    private void onQuantizer(ActivationQuantInfo a, String where) {
        Quantization q = ExportChecks.quantization(a, where);
        if (current < 0) {
            declareInput(a, where, q);
        } else if (pending instanceof PendingWeighted w) {
            emitWeighted(w, q);
        } else if (pending instanceof PendingActivation act) {
            requantize(act.where(), a.name(), q, act.activation());
        } else if (pending instanceof PendingAverage avg) {
            emitAverage(avg, q);
        } else {
            // A quantizer right after an int8 tensor (after average pooling, another quantizer):
            // the real value moves to this quantizer's grid.
            requantize(where, a.name(), q, FusedActivation.NONE);
        }
        pending = null;
        if (pendingPadding == null) {
            // (With zero padding still to fold in, the QAT layer's output is the padded map.)
            layerTensors.put(a.index(), currentName);
        }
    }

    private void onWeighted(WeightedLayerInfo w, String where) {
        if (current < 0) {
            throw new IllegalArgumentException(where + " reads the float network input; the exporter needs the "
                    + "input quantizer Qat.prepare puts first: export a network from Qat.prepare");
        }
        requireNoPending(where);
        WeightedOps.requireExportable(w, where);
        Padding extra = pendingPadding == null ? Padding.valid() : pendingPadding;
        if (pendingPadding != null && w.kind() != WeightedLayerInfo.Kind.CONVOLUTION) {
            throw new IllegalArgumentException(where + " follows a ZeroPaddingLayer; the exporter folds zero padding "
                    + "into a following convolution only");
        }
        pendingPadding = null;
        pending = new PendingWeighted(where, w, ExportChecks.fused(w.fusedActivation(), where), featureOrder, extra);
    }

    private void onFloat(FloatLayerInfo f, String where, boolean last) {
        Layer c = f.config();
        if (c.getClass() == SubsamplingLayer.class) {
            requireOnGrid(where);
            SubsamplingLayer s = (SubsamplingLayer) c;
            requireRank3(where);
            PoolWindow window = LayerGeometry.pooling(where, s, b.shape(current));
            pool(where, f, s.getPoolingType(), window, false);
        } else if (c.getClass() == GlobalPoolingLayer.class) {
            requireOnGrid(where);
            GlobalPoolingLayer g = (GlobalPoolingLayer) c;
            requireRank3(where);
            Shape in = b.shape(current);
            PoolWindow window = new PoolWindow(in.dim(0), in.dim(1), in.dim(0), in.dim(1), Padding.valid());
            pool(where, f, g.getPoolingType(), window, g.isCollapseDimensions());
        } else if (c.getClass() == ActivationLayer.class) {
            FusedActivation act = ExportChecks.fused(((ActivationLayer) c).getActivationFn(), where);
            if (act == FusedActivation.NONE) {
                requireStarted(where); // the identity: nothing to emit, nothing pending changes
            } else if (pending instanceof PendingWeighted w && w.activation() == FusedActivation.NONE) {
                pending = new PendingWeighted(w.where(), w.info(), act, w.featureOrder(), w.extraPadding());
            } else {
                requireOnGrid(where);
                pending = new PendingActivation(where, f.name(), act);
            }
        } else if (c.getClass() == DropoutLayer.class) {
            requireStarted(where); // inference passes values through: nothing to emit, nothing pending changes
        } else if (c.getClass() == ZeroPaddingLayer.class) {
            if (current >= 0) {
                requireOnGrid(where);
                requireRank3(where);
            } // else it pads the float input with zeros, which the input quantizer maps to its zero point
            ExportChecks.requireNchw(where, ((ZeroPaddingLayer) c).getDataFormat());
            int[] p = ((ZeroPaddingLayer) c).getPadding(); // top, bottom, left, right
            Padding before = pendingPadding == null ? Padding.valid() : pendingPadding;
            pendingPadding = new Padding(before.top() + p[0], before.left() + p[2], before.bottom() + p[1],
                    before.right() + p[3]);
        } else if (c.getClass() == LossLayer.class) {
            if (!last) {
                throw new IllegalArgumentException(where + " is not the last layer; the exporter maps a loss layer "
                        + "only at the end of the network");
            }
            requireOnGrid(where);
            IActivation act = ((LossLayer) c).getActivationFn();
            outputNote = act instanceof ActivationSoftmax
                    ? "dequantized logits; the network's loss layer '" + f.name() + "' applies softmax, which the "
                            + "model leaves out (the argmax is unchanged)"
                    : "dequantized output; the network's loss layer '" + f.name() + "' applies " + act;
            if (!(act instanceof ActivationSoftmax) && !LayerRole.isIdentity(act)) {
                throw new IllegalArgumentException(where + " applies " + act + " to the network output; the exporter "
                        + "leaves out only softmax (monotone per example, argmax unchanged) or the identity");
            }
        } else {
            throw ExportChecks.unsupported(c, where);
        }
    }

    private void pool(String where, FloatLayerInfo f, PoolingType type, PoolWindow window, boolean flatten) {
        if (type == PoolingType.AVG) {
            pending = new PendingAverage(where, f.name(), window, flatten);
            return;
        }
        if (type != PoolingType.MAX) {
            throw new IllegalArgumentException(where + " uses " + type + " pooling; the integer engine has MAX and AVG");
        }
        String name = unique(f.name());
        emitted(name, b.maxPool2d(name, current, window));
        if (flatten) {
            flattenPooled(f.name());
        }
        layerTensors.put(f.index(), currentName); // max pooling keeps values on the input grid
    }

    private void flattenPooled(String layerName) {
        String flat = unique(layerName + "_flatten");
        emitted(flat, b.flatten(flat, current)); // [1, 1, C]: channel order either way
    }

    /**
     * Average pooling followed by a quantizer. The training forward averaged grid values in float
     * and rounded once onto the quantizer's grid; without padding the same single rounding is
     * a convolution summing each channel's window ({@link WeightedOps#averageAsConvolution}).
     * With padding the window size varies at the border, so the engine's average pool (rounded
     * onto the input grid) is followed by a requantization: two roundings, which can differ from
     * the training forward by more than one step when the output grid is much finer.
     */
    private void emitAverage(PendingAverage p, Quantization out) {
        Padding pad = p.window().padding();
        String name = unique(p.name());
        try {
            if (pad.equals(Padding.valid()) && WeightedOps.fitsAverageAsConvolution(b.shape(current), p.window())) {
                emitted(name, WeightedOps.averageAsConvolution(b, name, current, p.window(), out));
            } else {
                emitted(name, b.averagePool2d(name, current, p.window()));
                requantize(p.where(), p.name() + "_requantize", out, FusedActivation.NONE);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + e.getMessage(), e);
        }
        if (p.flatten()) {
            flattenPooled(p.name());
        }
    }

    /** Average pooling with no quantizer after it: the output stays on the input's grid. */
    private void flushAverage() {
        if (pending instanceof PendingAverage p) {
            pending = null;
            String name = unique(p.name());
            emitted(name, b.averagePool2d(name, current, p.window()));
            if (p.flatten()) {
                flattenPooled(p.name());
            }
        }
    }

    private void declareInput(ActivationQuantInfo a, String where, Quantization q) {
        Shape shape;
        if (inputPreProcessor instanceof FeedForwardToCnnPreProcessor p) {
            shape = Shape.of((int) p.getInputHeight(), (int) p.getInputWidth(), (int) p.getNumChannels());
            ExportOptions.ImageInput given = options.imageInput();
            if (given != null && (given.height() != shape.dim(0) || given.width() != shape.dim(1)
                    || given.channels() != shape.dim(2))) {
                throw new IllegalArgumentException("ExportOptions.imageInput " + given + " differs from the "
                        + "network's own input preprocessor (" + shape.dim(2) + "x" + shape.dim(0) + "x" + shape.dim(1)
                        + " CxHxW); leave imageInput unset");
            }
        } else if (inputPreProcessor instanceof CnnToFeedForwardPreProcessor p) {
            ExportChecks.requireNchw(where, p.getFormat());
            // Fed as DL4J NCHW rows; the dense layer after reads them in that same order.
            shape = Shape.of((int) (p.getNumChannels() * p.getInputHeight() * p.getInputWidth()));
        } else if (inputPreProcessor != null) {
            throw new IllegalArgumentException(where + " has input preprocessor "
                    + inputPreProcessor.getClass().getSimpleName() + ", which the exporter does not map");
        } else {
            shape = inputShapeFromFirstWeightedLayer(where);
        }
        int input = b.input(unique("input"), shape);
        String name = unique(a.name());
        emitted(name, b.quantizeInput(name, input, q));
    }

    private Shape inputShapeFromFirstWeightedLayer(String where) {
        for (QatLayerInfo info : description.layers()) {
            if (info instanceof WeightedLayerInfo w) {
                if (w.kind() == WeightedLayerInfo.Kind.DENSE) {
                    return Shape.of((int) w.weightShape()[0]);
                }
                ExportOptions.ImageInput image = options.imageInput();
                if (image == null) {
                    throw new IllegalArgumentException("the network takes images but does not record their height "
                            + "and width (no FeedForwardToCnnPreProcessor before " + where + "); pass them with "
                            + "ExportOptions.defaults().withImageInput(channels, height, width)");
                }
                return Shape.of(image.height(), image.width(), image.channels());
            }
        }
        throw new IllegalArgumentException("the network has no quantized dense or convolution layer; nothing to export");
    }

    private void emitWeighted(PendingWeighted p, Quantization out) {
        WeightedLayerInfo w = p.info();
        float inputScale = b.quantization(current).scale();
        String name = unique(w.name());
        try {
            if (w.kind() == WeightedLayerInfo.Kind.DENSE) {
                if (b.shape(current).rank() != 1) {
                    throw new IllegalArgumentException("reads a " + b.shape(current) + " feature map without a "
                            + "CnnToFeedForwardPreProcessor");
                }
                WeightedOps.Dense d = WeightedOps.dense(w, p.featureOrder(), inputScale, p.where());
                emitted(name, b.fullyConnected(name, current, d.weights(), d.bias(), out, p.activation()));
            } else {
                requireRank3(p.where());
                WeightedOps.Conv c = WeightedOps.conv(w, b.shape(current), p.extraPadding(), inputScale, p.where());
                emitted(name, b.conv2d(name, current, c.filter(), c.bias(), c.window(), out, p.activation()));
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(p.where())) {
                throw e;
            }
            throw new IllegalArgumentException(p.where() + ": " + e.getMessage(), e);
        }
        featureOrder = null;
    }

    private void requantize(String where, String name, Quantization out, FusedActivation activation) {
        if (b.quantization(current).equals(out) && activation == FusedActivation.NONE) {
            return; // the same grid: nothing to do
        }
        try {
            String unique = unique(name);
            emitted(unique, WeightedOps.requantize(b, unique, current, out, activation));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private IntegerGraph finish() {
        if (current < 0) {
            throw new IllegalArgumentException("the network has no layer to export");
        }
        requireNoPending("the end of the network");
        if (pendingPadding != null) {
            throw new IllegalArgumentException("the network ends with a ZeroPaddingLayer; remove it");
        }
        if (featureOrder != null) {
            throw new IllegalArgumentException("the network ends with a flattened feature map; the exporter needs a "
                    + "dense layer after a CnnToFeedForwardPreProcessor");
        }
        if (outputNote == null) {
            outputNote = "dequantized output of the last layer";
        }
        b.dequantizeOutput(unique("output"), current);
        return b.build();
    }

    private void requireStarted(String where) {
        if (current < 0) {
            throw new IllegalArgumentException(where + " comes before the network's input quantizer; export a "
                    + "network from Qat.prepare");
        }
    }

    private void requireOnGrid(String where) {
        requireStarted(where);
        requireNoPending(where);
        if (pendingPadding != null) {
            throw new IllegalArgumentException(where + " follows a ZeroPaddingLayer; the exporter folds zero padding "
                    + "into a following convolution only");
        }
    }

    private void requireNoPending(String where) {
        flushAverage();
        if (pending != null) {
            throw new IllegalArgumentException(pending.where() + " is not followed by a FakeQuantLayer (found " + where
                    + "), so its output has no integer grid; export a network from Qat.prepare");
        }
    }

    private void requireRank3(String where) {
        if (b.shape(current).rank() != 3) {
            throw new IllegalArgumentException(where + " needs a feature map, its input has shape "
                    + b.shape(current));
        }
    }

    /** Makes {@code tensor}, written by the op of that name, the tensor the next layer reads. */
    private void emitted(String name, int tensor) {
        current = tensor;
        currentName = name;
    }

    /** Op and tensor names must be unique in a graph; DL4J names need not be. */
    private String unique(String base) {
        String candidate = base;
        for (int k = 2; !usedNames.add(candidate); k++) {
            candidate = base + "_" + k;
        }
        return candidate;
    }
}
