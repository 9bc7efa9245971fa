package org.qat4j.onnx;

import java.util.HashMap;
import java.util.Map;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.DequantizeOutput;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.graph.Tensor;

/**
 * Walks an engine graph in op order and has a {@link FormLowering} write each op, deciding the
 * layout questions every form shares: rank-3 tensors are NCHW in ONNX, reshapes follow a {@link
 * ReshapePlan}, and a flatten read only by fully-connected layers keeps ONNX's {@code (c, h, w)}
 * order while those layers permute their weight columns.
 */
final class GraphLowering {

  private GraphLowering() {}

  /**
   * Lowers every op of {@code graph}.
   *
   * @throws IllegalArgumentException naming an op this exporter has no ONNX form for
   */
  static void lower(IntegerGraph graph, FormLowering form, String graphInput, String graphOutput) {
    Map<Integer, int[]> columnOrders = new HashMap<>();
    for (Op op : graph.ops()) {
      Tensor in = graph.tensor(op.inputs().get(0));
      Tensor out = graph.tensor(op.output());
      if (op instanceof QuantizeInput q) {
        form.quantizeInput(q, graphInput, out);
      } else if (op instanceof Conv2D c) {
        form.conv(c, in, out);
      } else if (op instanceof FullyConnected f) {
        form.fullyConnected(f, in, out, columnOrders.get(in.id()));
      } else if (op instanceof MaxPool2D m) {
        form.maxPool(m, in, out);
      } else if (op instanceof AveragePool2D a) {
        form.averagePool(a, in, out);
      } else if (op instanceof Reshape) {
        ReshapePlan plan = ReshapePlan.of(in.shape(), out.shape(), readersAreFullyConnected(graph, out.id()));
        if (plan.flattenChw()) {
          Shape map = in.shape();
          columnOrders.put(out.id(), WeightLayouts.chwToHwc(map.dim(0), map.dim(1), map.dim(2)));
        }
        form.reshape(in, out, plan);
      } else if (op instanceof DequantizeOutput) {
        form.dequantizeOutput(in, graphOutput);
      } else {
        throw new IllegalArgumentException("op '" + op.name() + "' of kind " + op.kind()
            + " has no ONNX form in this exporter; the supported ops are QuantizeInput, Conv2D, FullyConnected, "
            + "MaxPool2D, AveragePool2D, Reshape and DequantizeOutput");
      }
    }
  }

  /** Whether {@code tensor} is read, and read only by fully-connected ops. */
  private static boolean readersAreFullyConnected(IntegerGraph graph, int tensor) {
    boolean read = false;
    for (Op op : graph.ops()) {
      if (op.inputs().contains(tensor)) {
        if (!(op instanceof FullyConnected)) {
          return false;
        }
        read = true;
      }
    }
    return read;
  }
}
