package org.qat4j.core.runtime;

import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
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
import org.qat4j.core.kernels.KernelOracles;
import org.qat4j.core.kernels.OutputStage;
import org.qat4j.core.kernels.PoolParams;
import org.qat4j.core.kernels.Window;

/**
 * Evaluates a graph op by op with the exact long-arithmetic oracles of the kernel tests, on int8
 * NHWC input; independent of the interpreter's buffer planning and parameter building.
 */
final class GraphOracle {

  private GraphOracle() {}

  static byte[] run(IntegerGraph g, byte[] nhwcInput, int batch) {
    return runAll(g, nhwcInput, batch)[g.output().id()];
  }

  /** Every tensor's int8 values by tensor id; the float output's slot holds the int8 result. */
  static byte[][] runAll(IntegerGraph g, byte[] nhwcInput, int batch) {
    byte[][] values = new byte[g.tensors().size()][];
    for (Op op : g.ops()) {
      int in = op.inputs().get(0);
      int out = op.output();
      if (op instanceof QuantizeInput) {
        values[out] = nhwcInput;
      } else if (op instanceof Reshape) {
        values[out] = values[in];
      } else if (op instanceof Conv2D c) {
        Tensor ti = g.tensor(in);
        Tensor to = g.tensor(out);
        Shape f = c.filter().shape();
        var pad = c.window().padding();
        ConvParams p = new ConvParams(-ti.quantization().zeroPoint(), map(ti), map(to),
            new Window(f.dim(1), f.dim(2), c.window().strideHeight(), c.window().strideWidth(),
                c.window().dilationHeight(), c.window().dilationWidth(), pad.top(), pad.left()),
            c.filter().values(), new OutputStage(to.quantization().zeroPoint(), c.bias(), c.multipliers().multipliers(),
                c.multipliers().shifts(), c.clamp().min(), c.clamp().max()));
        values[out] = KernelOracles.conv2D(p, pad.bottom(), pad.right(), batch, values[in]);
      } else if (op instanceof FullyConnected fc) {
        Tensor ti = g.tensor(in);
        Tensor to = g.tensor(out);
        FullyConnectedParams p = new FullyConnectedParams(-ti.quantization().zeroPoint(), fc.weights().values(),
            fc.weights().shape().dim(0), fc.weights().shape().dim(1), new OutputStage(to.quantization().zeroPoint(),
                fc.bias(), fc.multipliers().multipliers(), fc.multipliers().shifts(), fc.clamp().min(), fc.clamp().max()));
        values[out] = KernelOracles.fullyConnected(p, batch, values[in]);
      } else if (op instanceof MaxPool2D m) {
        values[out] = KernelOracles.pool(pool(g, in, out, m.window(), m.clamp().min(), m.clamp().max()), batch,
            values[in], true);
      } else if (op instanceof AveragePool2D a) {
        values[out] = KernelOracles.pool(pool(g, in, out, a.window(), a.clamp().min(), a.clamp().max()), batch,
            values[in], false);
      } else {
        values[out] = values[in]; // DequantizeOutput: the int8 result
      }
    }
    return values;
  }

  private static PoolParams pool(IntegerGraph g, int in, int out, PoolWindow w, int min, int max) {
    return new PoolParams(map(g.tensor(in)), map(g.tensor(out)), new Window(w.filterHeight(), w.filterWidth(),
        w.strideHeight(), w.strideWidth(), 1, 1, w.padding().top(), w.padding().left()), min, max);
  }

  private static FeatureMap map(Tensor t) {
    return new FeatureMap(t.shape().dim(0), t.shape().dim(1), t.shape().dim(2));
  }
}
