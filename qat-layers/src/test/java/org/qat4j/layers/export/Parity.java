package org.qat4j.layers.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.Tensor;
import org.qat4j.core.runtime.Interpreter;

/**
 * Compares an exported model with the QAT network it came from: layer by layer on the integer
 * grid, and by top-1 class.
 */
final class Parity {

    private Parity() {
    }

    /**
     * How one layer's integers compare.
     *
     * @param layer the QAT layer index
     * @param tensor the graph tensor
     * @param values integers compared
     * @param differing how many differ
     * @param maxDifference the largest absolute difference
     */
    record LayerComparison(int layer, String tensor, long values, long differing, int maxDifference) {

        @Override
        public String toString() {
            return String.format("layer %d -> '%s': %d of %d differ, max |diff| %d", layer, tensor, differing, values,
                    maxDifference);
        }
    }

    /**
     * Runs both networks on {@code x} and compares, for every layer the exporter mapped, the QAT
     * activation expressed on the tensor's grid ({@code round(y / scale) + zeroPoint}, exact
     * because a fake-quantized {@code y} is an integer times the scale) with the interpreter's
     * integers.
     *
     * @param qat the QAT network
     * @param exported its export
     * @param x inputs as the QAT network takes them ({@code [N, F]} or {@code [N, C, H, W]})
     * @return one comparison per mapped layer
     */
    static List<LayerComparison> compareLayers(MultiLayerNetwork qat, ExportedModel exported, INDArray x) {
        List<INDArray> activations = qat.feedForward(x, false);
        Map<String, byte[]> traced = new Interpreter(exported.model()).runTraced(rows(x));
        IntegerGraph graph = exported.model().graph();
        List<LayerComparison> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : exported.layerTensors().entrySet()) {
            Tensor t = tensor(graph, e.getValue());
            out.add(compare(e.getKey(), t, onGrid(activations.get(e.getKey() + 1), t.quantization()),
                    traced.get(t.name())));
        }
        return out;
    }

    /**
     * Layer by layer with the same inputs on both sides: each QAT segment (the layers after one
     * mapped layer up to the next) runs on the integer model's own result for the mapped layer
     * before it, dequantized (exactly the values a fake-quant layer outputs), and its output is
     * compared with the integer model's. The first segment runs on {@code x}. This isolates each
     * op's arithmetic from differences carried in from earlier layers.
     *
     * @param qat the QAT network
     * @param exported its export
     * @param x inputs as the QAT network takes them
     * @return one comparison per mapped layer
     */
    static List<LayerComparison> compareLayersIsolated(MultiLayerNetwork qat, ExportedModel exported, INDArray x) {
        List<INDArray> activations = qat.feedForward(x, false);
        Map<String, byte[]> traced = new Interpreter(exported.model()).runTraced(rows(x));
        IntegerGraph graph = exported.model().graph();
        List<LayerComparison> out = new ArrayList<>();
        int previous = -1;
        INDArray input = x;
        for (Map.Entry<Integer, String> e : exported.layerTensors().entrySet()) {
            Tensor t = tensor(graph, e.getValue());
            INDArray simulated = activate(qat, previous + 1, e.getKey(), input);
            out.add(compare(e.getKey(), t, onGrid(simulated, t.quantization()), traced.get(t.name())));
            previous = e.getKey();
            input = dequantized(traced.get(t.name()), t.quantization(), activations.get(previous + 1).shape());
        }
        return out;
    }

    /** Layers {@code from} to {@code to} in inference mode, each after its input preprocessor. */
    private static INDArray activate(MultiLayerNetwork qat, int from, int to, INDArray input) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = input;
        for (int l = from; l <= to; l++) {
            InputPreProcessor pre = qat.getLayerWiseConfigurations().getInputPreProcess(l);
            if (pre != null) {
                x = pre.preProcess(x, (int) x.size(0), mgr);
            }
            x = qat.getLayer(l).activate(x, false, mgr);
        }
        return x;
    }

    private static Tensor tensor(IntegerGraph graph, String name) {
        return graph.tensors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static LayerComparison compare(int layer, Tensor t, int[] simulated, byte[] actual) {
        if (simulated.length != actual.length) {
            throw new AssertionError("layer " + layer + ": " + simulated.length + " values vs " + actual.length
                    + " in tensor " + t.name());
        }
        long differing = 0;
        int max = 0;
        for (int i = 0; i < actual.length; i++) {
            int d = Math.abs(simulated[i] - actual[i]);
            if (d != 0) {
                differing++;
                max = Math.max(max, d);
            }
        }
        return new LayerComparison(layer, t.name(), actual.length, differing, max);
    }

    /**
     * {@code (q - zeroPoint) * scale} in float32, as a fake-quant layer computes its output, in
     * the DL4J shape {@code shape} (NCHW for feature maps).
     */
    static INDArray dequantized(byte[] values, Quantization q, long[] shape) {
        float[] real = new float[values.length];
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) (values[i] - q.zeroPoint()) * q.scale();
        }
        if (shape.length == 4) {
            return Nd4j.createFromArray(real).reshape(shape[0], shape[2], shape[3], shape[1]).permute(0, 3, 1, 2)
                    .dup('c');
        }
        return Nd4j.createFromArray(real).reshape(shape);
    }

    /** The activation on the grid of {@code q}, in NHWC order for feature maps. */
    static int[] onGrid(INDArray y, Quantization q) {
        INDArray v = y.rank() == 4 ? y.permute(0, 2, 3, 1) : y;
        float[] values = v.dup('c').castTo(DataType.FLOAT).data().asFloat();
        int[] grid = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            // y = k * scale exactly for an integer k; the quotient is k up to float rounding, so
            // any rounding mode gives k (Math.round: half up).
            grid[i] = Math.round(values[i] / q.scale()) + q.zeroPoint();
        }
        return grid;
    }

    /** @return the QAT network's input as flat rows in its own (NCHW) order */
    static float[] rows(INDArray x) {
        return x.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    /** @return argmax of each row of the QAT network's output (first on ties) */
    static int[] qatClasses(MultiLayerNetwork qat, INDArray x) {
        INDArray out = qat.output(x, false);
        int[] classes = new int[(int) out.size(0)];
        for (int n = 0; n < classes.length; n++) {
            int best = 0;
            for (int c = 1; c < out.size(1); c++) {
                if (out.getFloat(n, c) > out.getFloat(n, best)) {
                    best = c;
                }
            }
            classes[n] = best;
        }
        return classes;
    }

    static int agreeing(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same;
    }
}
