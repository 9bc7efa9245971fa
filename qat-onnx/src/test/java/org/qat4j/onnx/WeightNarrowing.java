package org.qat4j.onnx;

import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.DequantizeOutput;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Tensor;

/**
 * Re-quantizes an integer model's 8-bit weights to fewer bits after the fact, the way an
 * export-time option would: per channel {@code s' = s * 127 / m}, {@code w' =
 * round_half_even(w * m / 127)} with {@code m = 2^(bits-1) - 1}, and the int32 bias re-rounded
 * (half to even) to its new scale {@code s_in * s'}. Used to measure what such an option would
 * cost against the engine, which keeps the 8-bit weights.
 */
final class WeightNarrowing {

  private WeightNarrowing() {}

  static IntegerModel narrow(IntegerModel model, int bits) {
    IntegerGraph g = model.graph();
    IntegerGraphBuilder b = IntegerGraph.builder();
    int[] ids = new int[g.tensors().size()];
    for (Op op : g.ops()) {
      Tensor in = g.tensor(op.inputs().get(0));
      Tensor out = g.tensor(op.output());
      if (op instanceof QuantizeInput q) {
        ids[in.id()] = b.input(in.name(), in.shape());
        ids[out.id()] = b.quantizeInput(out.name(), ids[in.id()], out.quantization());
      } else if (op instanceof Conv2D c) {
        QuantizedWeights w = narrow(c.filter(), bits);
        ids[out.id()] = b.conv2d(out.name(), ids[in.id()], w, bias(c.bias(), c.filter(), w), c.window(),
            out.quantization(), c.clamp());
      } else if (op instanceof FullyConnected f) {
        QuantizedWeights w = narrow(f.weights(), bits);
        ids[out.id()] = b.fullyConnected(out.name(), ids[in.id()], w, bias(f.bias(), f.weights(), w),
            out.quantization(), f.clamp());
      } else if (op instanceof MaxPool2D m) {
        ids[out.id()] = b.maxPool2d(out.name(), ids[in.id()], m.window());
      } else if (op instanceof AveragePool2D a) {
        ids[out.id()] = b.averagePool2d(out.name(), ids[in.id()], a.window());
      } else if (op instanceof Reshape) {
        ids[out.id()] = b.reshape(out.name(), ids[in.id()], out.shape());
      } else if (op instanceof DequantizeOutput) {
        b.dequantizeOutput(out.name(), ids[in.id()]);
      }
    }
    return new IntegerModel(b.build(), model.metadata());
  }

  private static QuantizedWeights narrow(QuantizedWeights w, int bits) {
    int max = QuantizedWeights.maxMagnitude(bits);
    int old = QuantizedWeights.maxMagnitude(w.bits());
    byte[] v = w.values();
    int perChannel = v.length / w.channels();
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) Math.rint((double) v[i] * max / old); // half to even; |result| <= max
    }
    float[] scales = w.scales();
    for (int c = 0; c < scales.length; c++) {
      scales[c] = (float) ((double) scales[c] * old / max);
    }
    assert perChannel > 0;
    return QuantizedWeights.of(w.shape(), w.granularity(), v, scales, bits);
  }

  private static int[] bias(int[] bias, QuantizedWeights before, QuantizedWeights after) {
    int[] b = new int[bias.length];
    for (int c = 0; c < b.length; c++) {
      b[c] = (int) Math.rint((double) bias[c] * before.scale(c) / after.scale(c)); // half to even
    }
    return b;
  }
}
