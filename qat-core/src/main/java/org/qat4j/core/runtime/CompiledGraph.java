package org.qat4j.core.runtime;

import java.util.ArrayList;
import java.util.List;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.ChannelMultipliers;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.DequantizeOutput;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.graph.Tensor;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.FullyConnectedParams;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.OutputStage;
import org.qat4j.core.kernels.PoolParams;
import org.qat4j.core.kernels.Window;

/**
 * A graph turned into kernel calls: the int8 ops between the edges as steps with their kernel
 * parameters built once, and for each tensor the buffer it lives in (a reshape shares its
 * input's buffer). Immutable; the buffers themselves belong to the {@link Interpreter}.
 */
final class CompiledGraph {

  /** One kernel call over {@code batch} examples, reading and writing buffers by tensor id. */
  @FunctionalInterface
  interface Step {
    void run(int batch, byte[][] buffers);
  }

  final List<Step> steps = new ArrayList<>();
  /** For each tensor, the tensor whose buffer holds its bytes (itself, or a reshape's source). */
  final int[] storage;
  final QuantizeInput quantizeInput;
  final DequantizeOutput dequantizeOutput;

  CompiledGraph(IntegerGraph graph, KernelSet kernels) {
    storage = new int[graph.tensors().size()];
    for (int t = 0; t < storage.length; t++) {
      storage[t] = t;
    }
    QuantizeInput q = null;
    DequantizeOutput d = null;
    for (Op op : graph.ops()) {
      int in = op.inputs().get(0);
      int out = op.output();
      if (op instanceof QuantizeInput qi) {
        q = qi;
      } else if (op instanceof DequantizeOutput dq) {
        d = dq;
      } else if (op instanceof Reshape) {
        storage[out] = storage[in]; // same bytes, row-major order unchanged
      } else if (op instanceof Conv2D c) {
        ConvParams p = convParams(graph, c);
        steps.add((batch, buf) -> kernels.conv2D().conv2D(p, batch, buf[storage[in]], buf[storage[out]]));
      } else if (op instanceof FullyConnected f) {
        FullyConnectedParams p = fullyConnectedParams(graph, f);
        steps.add((batch, buf) -> kernels.fullyConnected().fullyConnected(p, batch, buf[storage[in]], buf[storage[out]]));
      } else if (op instanceof MaxPool2D m) {
        PoolParams p = poolParams(graph, in, out, m.window(), m.clamp());
        steps.add((batch, buf) -> kernels.maxPool().pool(p, batch, buf[storage[in]], buf[storage[out]]));
      } else if (op instanceof AveragePool2D a) {
        PoolParams p = poolParams(graph, in, out, a.window(), a.clamp());
        steps.add((batch, buf) -> kernels.averagePool().pool(p, batch, buf[storage[in]], buf[storage[out]]));
      } else {
        throw new AssertionError("no kernel for " + op);
      }
    }
    quantizeInput = q;
    dequantizeOutput = d;
  }

  private static ConvParams convParams(IntegerGraph g, Conv2D c) {
    Tensor in = g.tensor(c.input());
    Tensor out = g.tensor(c.output());
    Shape filter = c.filter().shape();
    Window window = new Window(filter.dim(1), filter.dim(2), c.window().strideHeight(), c.window().strideWidth(),
        c.window().dilationHeight(), c.window().dilationWidth(), c.window().padding().top(),
        c.window().padding().left());
    return new ConvParams(-in.quantization().zeroPoint(), featureMap(in.shape()), featureMap(out.shape()), window,
        c.filter().values(), stage(out, c.bias(), c.multipliers(), c.clamp()));
  }

  private static FullyConnectedParams fullyConnectedParams(IntegerGraph g, FullyConnected f) {
    Tensor in = g.tensor(f.input());
    Tensor out = g.tensor(f.output());
    Shape w = f.weights().shape();
    return new FullyConnectedParams(-in.quantization().zeroPoint(), f.weights().values(), w.dim(0), w.dim(1),
        stage(out, f.bias(), f.multipliers(), f.clamp()));
  }

  private static PoolParams poolParams(IntegerGraph g, int in, int out, PoolWindow w, ActivationClamp clamp) {
    Window window = new Window(w.filterHeight(), w.filterWidth(), w.strideHeight(), w.strideWidth(), 1, 1,
        w.padding().top(), w.padding().left());
    return new PoolParams(featureMap(g.tensor(in).shape()), featureMap(g.tensor(out).shape()), window, clamp.min(),
        clamp.max());
  }

  private static OutputStage stage(Tensor out, int[] bias, ChannelMultipliers m, ActivationClamp clamp) {
    return new OutputStage(out.quantization().zeroPoint(), bias, m.multipliers(), m.shifts(), clamp.min(), clamp.max());
  }

  private static FeatureMap featureMap(Shape s) {
    return new FeatureMap(s.dim(0), s.dim(1), s.dim(2));
  }
}
