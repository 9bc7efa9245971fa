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
import org.qat4j.core.kernels.Conv2DKernel;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.FullyConnectedKernel;
import org.qat4j.core.kernels.FullyConnectedParams;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.OutputStage;
import org.qat4j.core.kernels.PoolKernel;
import org.qat4j.core.kernels.PoolParams;
import org.qat4j.core.kernels.Window;

/**
 * A graph turned into kernel calls: the int8 ops between the edges as steps with their kernel
 * parameters built once, and for each tensor the buffer it lives in (a reshape shares its
 * input's buffer). Immutable; the buffers themselves belong to the {@link Interpreter}.
 */
final class CompiledGraph {

  /**
   * One kernel call over {@code batch} examples, reading and writing buffers by index. The steps
   * are small classes rather than lambdas: a lambda is linked through invokedynamic on first use,
   * which costs tens of milliseconds at JVM start-up, on the way to the first inference.
   */
  abstract static class Step {
    /** Index of the buffer read. */
    final int input;
    /** Index of the buffer written. */
    final int output;

    Step(int input, int output) {
      this.input = input;
      this.output = output;
    }

    abstract void run(int batch, byte[][] buffers);
  }

  private static final class ConvStep extends Step {
    private final Conv2DKernel kernel;
    private final ConvParams params;

    ConvStep(Conv2DKernel kernel, ConvParams params, int input, int output) {
      super(input, output);
      this.kernel = kernel;
      this.params = params;
    }

    @Override
    void run(int batch, byte[][] buffers) {
      kernel.conv2D(params, batch, buffers[input], buffers[output]);
    }
  }

  private static final class FullyConnectedStep extends Step {
    private final FullyConnectedKernel kernel;
    private final FullyConnectedParams params;

    FullyConnectedStep(FullyConnectedKernel kernel, FullyConnectedParams params, int input, int output) {
      super(input, output);
      this.kernel = kernel;
      this.params = params;
    }

    @Override
    void run(int batch, byte[][] buffers) {
      kernel.fullyConnected(params, batch, buffers[input], buffers[output]);
    }
  }

  private static final class PoolStep extends Step {
    private final PoolKernel kernel;
    private final PoolParams params;

    PoolStep(PoolKernel kernel, PoolParams params, int input, int output) {
      super(input, output);
      this.kernel = kernel;
      this.params = params;
    }

    @Override
    void run(int batch, byte[][] buffers) {
      kernel.pool(params, batch, buffers[input], buffers[output]);
    }
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
        steps.add(new ConvStep(kernels.conv2D(), convParams(graph, c), storage[in], storage[out]));
      } else if (op instanceof FullyConnected f) {
        steps.add(new FullyConnectedStep(kernels.fullyConnected(), fullyConnectedParams(graph, f), storage[in],
            storage[out]));
      } else if (op instanceof MaxPool2D m) {
        steps.add(new PoolStep(kernels.maxPool(), poolParams(graph, in, out, m.window(), m.clamp()), storage[in],
            storage[out]));
      } else if (op instanceof AveragePool2D a) {
        steps.add(new PoolStep(kernels.averagePool(), poolParams(graph, in, out, a.window(), a.clamp()), storage[in],
            storage[out]));
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
