package org.qat4j.onnx;

import java.util.List;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.DequantizeOutput;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Tensor;
import org.qat4j.core.graph.TensorType;

/**
 * One op of a model as a model of its own, parameters and clamp unchanged: its input tensor
 * becomes the (int8-fed) graph input, its output the graph output. Run on the engine's own
 * intermediate tensor, such a model compares the op in isolation, without differences carried in
 * from earlier layers.
 */
final class SubModels {

  private SubModels() {}

  /** Whether an op has a one-op model here: every op but the edges. */
  static boolean isolatable(Op op) {
    return !(op instanceof QuantizeInput) && !(op instanceof DequantizeOutput);
  }

  /** The one-op model of {@code op}, with NHWC input layout (the engine's tensors are NHWC). */
  static IntegerModel isolate(IntegerModel model, Op op) {
    IntegerGraph g = model.graph();
    Tensor in = g.tensor(op.inputs().get(0));
    Tensor out = g.tensor(op.output());
    List<Tensor> tensors = List.of(
        new Tensor(0, in.name() + "_float", TensorType.FLOAT32, in.shape(), null),
        new Tensor(1, in.name(), TensorType.INT8, in.shape(), in.quantization()),
        new Tensor(2, out.name(), TensorType.INT8, out.shape(), out.quantization()),
        new Tensor(3, out.name() + "_float", TensorType.FLOAT32, out.shape(), null));
    Op copy;
    if (op instanceof Conv2D c) {
      copy = new Conv2D(c.name(), 1, 2, c.filter(), c.bias(), c.multipliers(), c.window(), c.clamp());
    } else if (op instanceof FullyConnected f) {
      copy = new FullyConnected(f.name(), 1, 2, f.weights(), f.bias(), f.multipliers(), f.clamp());
    } else if (op instanceof MaxPool2D m) {
      copy = new MaxPool2D(m.name(), 1, 2, m.window(), m.clamp());
    } else if (op instanceof AveragePool2D a) {
      copy = new AveragePool2D(a.name(), 1, 2, a.window(), a.clamp());
    } else if (op instanceof Reshape r) {
      copy = new Reshape(r.name(), 1, 2);
    } else {
      throw new IllegalArgumentException(op.kind() + " is an edge op");
    }
    List<Op> ops = List.of(new QuantizeInput(in.name(), 0, 1, ActivationClamp.full(in.quantization())), copy,
        new DequantizeOutput(out.name() + "_float", 2, 3));
    return new IntegerModel(IntegerGraph.of(tensors, ops, 0, 3),
        ModelMetadata.create(op.name() + " alone", List.of(), InputLayout.NHWC));
  }
}
