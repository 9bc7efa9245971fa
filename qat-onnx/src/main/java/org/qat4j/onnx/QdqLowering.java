package org.qat4j.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Tensor;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;
import org.qat4j.onnx.proto.Onnx.AttributeProto;

/**
 * The QDQ form: float ops between quantize-dequantize pairs. Every engine int8 tensor is the
 * int8 output of a {@code QuantizeLinear} (then the int8 {@code Clip} of a fused activation
 * narrower than int8, as in the QOperator form), read through a {@code DequantizeLinear}.
 * Weights are int8 behind a per-channel ({@code axis = 0}) or per-tensor DequantizeLinear, biases
 * int32 behind one with scale {@code s_in * s_w[c]} ({@link QuantScales#bias}); Conv, Gemm
 * ({@code transB = 1}), MaxPool, AveragePool and reshapes run in float. Read as written, the
 * graph computes the engine's layers in real arithmetic and rounds each output once, half to
 * even; ONNX Runtime fuses {@code DQ -> op -> Q} into its integer kernels.
 */
final class QdqLowering implements FormLowering {

  private final OnnxGraph g;
  private final OnnxExportOptions options;
  private final Map<Integer, String> int8 = new HashMap<>();
  private final Map<Integer, String> dequantized = new HashMap<>();

  QdqLowering(OnnxGraph graph, OnnxExportOptions options) {
    this.g = graph;
    this.options = options;
  }

  @Override
  public void quantizeInput(QuantizeInput op, String graphInput, Tensor out) {
    if (options.input() == EdgeType.INT8) {
      int8.put(out.id(), graphInput);
    } else {
      requantize(graphInput, out, op.clamp());
    }
  }

  @Override
  public void conv(Conv2D op, Tensor in, Tensor out) {
    QuantizedWeights filter = op.filter();
    long[] oihw = {filter.shape().dim(0), filter.shape().dim(3), filter.shape().dim(1), filter.shape().dim(2)};
    String w = dequantizedWeights(op.name(), oihw, WeightLayouts.ohwiToOihw(filter), filter);
    String b = dequantizedBias(op.name(), op.bias(), in, filter);
    String y = g.node("Conv", out.name() + "_float", List.of(dequantized(in), w, b), Windows.conv(op.window(), filter));
    requantize(y, out, op.clamp());
  }

  @Override
  public void fullyConnected(FullyConnected op, Tensor in, Tensor out, int[] columnOrder) {
    QuantizedWeights weights = op.weights();
    long[] dims = {weights.shape().dim(0), weights.shape().dim(1)};
    String w = dequantizedWeights(op.name(), dims, WeightLayouts.rowsInOnnxOrder(weights, columnOrder), weights);
    String b = dequantizedBias(op.name(), op.bias(), in, weights);
    String y = g.node("Gemm", out.name() + "_float", List.of(dequantized(in), w, b), OnnxGraph.integer("transB", 1));
    requantize(y, out, op.clamp());
  }

  @Override
  public void maxPool(MaxPool2D op, Tensor in, Tensor out) {
    String y = g.node("MaxPool", out.name() + "_float", List.of(dequantized(in)), Windows.maxPool(op.window()));
    requantize(y, out, op.clamp());
  }

  @Override
  public void averagePool(AveragePool2D op, Tensor in, Tensor out) {
    String y = g.node("AveragePool", out.name() + "_float", List.of(dequantized(in)), Windows.averagePool(op.window()));
    requantize(y, out, op.clamp());
  }

  @Override
  public void reshape(Tensor in, Tensor out, ReshapePlan plan) {
    String y = g.reshape(dequantized(in), plan, out.name() + "_float");
    requantize(y, out, ActivationClamp.full(out.quantization()));
  }

  @Override
  public void dequantizeOutput(Tensor in, String graphOutput) {
    if (options.output() == EdgeType.INT8) {
      g.nodeTo("Identity", graphOutput, List.of(int8.get(in.id())));
    } else {
      g.nodeTo("DequantizeLinear", graphOutput, List.of(int8.get(in.id()), g.scale(in), g.zeroPoint(in)));
    }
  }

  /** {@code QuantizeLinear} of a float result onto {@code out}'s grid, then the clamp. */
  private void requantize(String real, Tensor out, ActivationClamp clamp) {
    String q = g.node("QuantizeLinear", out.name(), List.of(real, g.scale(out), g.zeroPoint(out)));
    int8.put(out.id(), g.clampInt8(q, clamp, out.name() + "_clamp"));
  }

  /** The float value of an engine tensor: its DequantizeLinear, added when first read. */
  private String dequantized(Tensor t) {
    return dequantized.computeIfAbsent(t.id(), id -> g.node("DequantizeLinear", t.name() + "_dequantized",
        List.of(int8.get(id), g.scale(t), g.zeroPoint(t))));
  }

  /** Int8 weights with dimension 0 the output channel, behind their DequantizeLinear. */
  private String dequantizedWeights(String op, long[] dims, byte[] values, QuantizedWeights weights) {
    String w = g.initializer(Tensors.int8(op + "_weight", dims, values));
    boolean perChannel = weights.granularity() == QuantizedWeights.Granularity.PER_CHANNEL;
    int channels = weights.channels();
    String scale = g.initializer(perChannel
        ? Tensors.float32(op + "_weight_scale", new long[] {channels}, WeightLayouts.channelScales(weights))
        : Tensors.float32Scalar(op + "_weight_scale", weights.scale(0)));
    String zp = g.initializer(perChannel
        ? Tensors.int8(op + "_weight_zero_point", new long[] {channels}, new byte[channels])
        : Tensors.int8Scalar(op + "_weight_zero_point", 0));
    AttributeProto[] axis = perChannel ? new AttributeProto[] {OnnxGraph.integer("axis", 0)} : new AttributeProto[0];
    return g.node("DequantizeLinear", op + "_weight_dequantized", List.of(w, scale, zp), axis);
  }

  /** The int32 bias behind a DequantizeLinear with scale {@code s_in * s_w[c]}, zero point 0. */
  private String dequantizedBias(String op, int[] bias, Tensor in, QuantizedWeights weights) {
    int channels = bias.length;
    String b = g.initializer(Tensors.int32(op + "_bias", new long[] {channels}, bias));
    String scale = g.initializer(Tensors.float32(op + "_bias_scale", new long[] {channels},
        QuantScales.bias(in.quantization().scale(), weights)));
    String zp = g.initializer(Tensors.int32(op + "_bias_zero_point", new long[] {channels}, new int[channels]));
    return g.node("DequantizeLinear", op + "_bias_dequantized", List.of(b, scale, zp), OnnxGraph.integer("axis", 0));
  }
}
