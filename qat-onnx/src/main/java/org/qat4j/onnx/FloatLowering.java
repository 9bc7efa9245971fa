package org.qat4j.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Tensor;

/**
 * The float form: the engine graph in float32 with dequantized weights {@code q * s_w[c]} and
 * biases {@code b * s_in * s_w[c]} (each rounded once to float32), no activation quantization.
 *
 * <p>Fused activations come from the clamps. A clamp bound that only marks the end of the
 * tensor's quantization range is saturation, which a float model does not have, and is dropped;
 * the others are activations: a lower bound is kept if it lies above the grid's minimum or is
 * real 0 (ReLU; with a zero point at the grid's minimum the two coincide), an upper bound if it
 * lies below the grid's maximum (ReLU6). Lower bound 0 alone becomes {@code Relu}, anything else
 * {@code Clip} with float bounds {@code s * (bound - zero_point)}. The input is not clamped.
 */
final class FloatLowering implements FormLowering {

  private final OnnxGraph g;
  private final Map<Integer, String> values = new HashMap<>();

  FloatLowering(OnnxGraph graph) {
    this.g = graph;
  }

  @Override
  public void quantizeInput(QuantizeInput op, String graphInput, Tensor out) {
    values.put(out.id(), graphInput);
  }

  @Override
  public void conv(Conv2D op, Tensor in, Tensor out) {
    QuantizedWeights filter = op.filter();
    long[] oihw = {filter.shape().dim(0), filter.shape().dim(3), filter.shape().dim(1), filter.shape().dim(2)};
    String w = g.initializer(Tensors.float32(op.name() + "_weight", oihw,
        WeightLayouts.dequantize(WeightLayouts.ohwiToOihw(filter), filter)));
    String b = bias(op.name(), op.bias(), in, filter);
    String y = g.node("Conv", out.name() + "_linear", List.of(values.get(in.id()), w, b),
        Windows.conv(op.window(), filter));
    values.put(out.id(), activation(y, op.clamp(), out, true));
  }

  @Override
  public void fullyConnected(FullyConnected op, Tensor in, Tensor out, int[] columnOrder) {
    QuantizedWeights weights = op.weights();
    long[] dims = {weights.shape().dim(0), weights.shape().dim(1)};
    String w = g.initializer(Tensors.float32(op.name() + "_weight", dims,
        WeightLayouts.dequantize(WeightLayouts.rowsInOnnxOrder(weights, columnOrder), weights)));
    String b = bias(op.name(), op.bias(), in, weights);
    String y = g.node("Gemm", out.name() + "_linear", List.of(values.get(in.id()), w, b),
        OnnxGraph.integer("transB", 1));
    values.put(out.id(), activation(y, op.clamp(), out, true));
  }

  @Override
  public void maxPool(MaxPool2D op, Tensor in, Tensor out) {
    String y = g.node("MaxPool", out.name() + "_pooled", List.of(values.get(in.id())), Windows.maxPool(op.window()));
    values.put(out.id(), activation(y, op.clamp(), out, false));
  }

  @Override
  public void averagePool(AveragePool2D op, Tensor in, Tensor out) {
    String y = g.node("AveragePool", out.name() + "_pooled", List.of(values.get(in.id())),
        Windows.averagePool(op.window()));
    values.put(out.id(), activation(y, op.clamp(), out, false));
  }

  @Override
  public void reshape(Tensor in, Tensor out, ReshapePlan plan) {
    values.put(out.id(), g.reshape(values.get(in.id()), plan, out.name()));
  }

  @Override
  public void dequantizeOutput(Tensor in, String graphOutput) {
    g.nodeTo("Identity", graphOutput, List.of(values.get(in.id())));
  }

  /** Float bias {@code b[c] * (s_in * s_w[c])}: exact in double, rounded once to float32 (nearest even). */
  private String bias(String op, int[] bias, Tensor in, QuantizedWeights weights) {
    float[] scales = QuantScales.bias(in.quantization().scale(), weights);
    float[] real = new float[bias.length];
    for (int c = 0; c < bias.length; c++) {
      real[c] = (float) ((double) bias[c] * scales[c]);
    }
    return g.initializer(Tensors.float32(op + "_bias", new long[] {bias.length}, real));
  }

  /**
   * The activation a clamp stands for (see the class comment). {@code zeroIsReLU}: whether a
   * lower bound at real 0 that is also the grid's minimum counts as ReLU (after a weighted op)
   * or as the input's own range (after pooling, whose input was clamped already).
   */
  private String activation(String value, ActivationClamp clamp, Tensor out, boolean zeroIsReLU) {
    Quantization q = out.quantization();
    boolean lower = clamp.min() > q.qmin() || (zeroIsReLU && clamp.min() == q.zeroPoint());
    boolean upper = clamp.max() < q.qmax();
    if (!lower && !upper) {
      return value;
    }
    if (lower && !upper && clamp.min() == q.zeroPoint()) {
      return g.node("Relu", out.name(), List.of(value));
    }
    // scale * (bound - zero_point): exact in double, rounded once to float32 (nearest even).
    String min = lower ? g.float32((float) q.dequantize(clamp.min())) : "";
    String max = upper ? g.float32((float) q.dequantize(clamp.max())) : "";
    return g.node("Clip", out.name(), List.of(value, min, max));
  }
}
