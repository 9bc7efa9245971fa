package org.qat4j.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Tensor;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;
import org.qat4j.onnx.proto.Onnx.TensorProto.DataType;

/**
 * The QOperator form: every engine int8 tensor is an int8 ONNX value, computed by integer ops.
 *
 * <ul>
 *   <li>QuantizeInput: {@code QuantizeLinear} (float input), then the clamp.
 *   <li>Conv2D: {@code QLinearConv} with per-channel int8 weights (OIHW), zero weight zero points
 *       and the int32 bias; ONNX defines its output as the int32 accumulator times the real
 *       {@code s_in * s_w[c] / s_out}, rounded half to even, plus the zero point, saturated.
 *   <li>FullyConnected: {@code MatMulInteger} (int32 accumulator), {@code Add} of the int32 bias,
 *       then the same requantization written out: {@code Cast} to float (exact while {@code |acc|
 *       < 2^24}, nearest even beyond), {@code Mul} by {@code M[c]} ({@link
 *       QuantScales#requantization}), {@code QuantizeLinear} with scale 1 (round half to even,
 *       add the zero point, saturate). QLinearMatMul has no bias input, and adding a bias
 *       after its rounding would round twice.
 *   <li>MaxPool2D: int8 {@code MaxPool}.
 *   <li>AveragePool2D: {@code DequantizeLinear}, {@code AveragePool} ({@code count_include_pad =
 *       0}), {@code QuantizeLinear} with the same parameters: standard ops that any runtime runs
 *       (ONNX Runtime fuses the three into its integer QLinearAveragePool); the contrib op
 *       com.microsoft.QLinearAveragePool would tie the model to ONNX Runtime and averages in real
 *       arithmetic too.
 *   <li>Reshape: int8 {@code Transpose}/{@code Reshape}/{@code Flatten} ({@link ReshapePlan}).
 *   <li>Every fused activation that is narrower than int8: an int8 {@code Clip}, exact.
 *   <li>DequantizeOutput: {@code DequantizeLinear} (float output) or {@code Identity} (int8).
 * </ul>
 */
final class QOperatorLowering implements FormLowering {

  private final OnnxGraph g;
  private final OnnxExportOptions options;
  private final Map<Integer, String> int8 = new HashMap<>();

  QOperatorLowering(OnnxGraph graph, OnnxExportOptions options) {
    this.g = graph;
    this.options = options;
  }

  @Override
  public void quantizeInput(QuantizeInput op, String graphInput, Tensor out) {
    if (options.input() == EdgeType.INT8) {
      int8.put(out.id(), graphInput); // already on the grid: the caller quantized it
      return;
    }
    String q = g.node("QuantizeLinear", out.name(), List.of(graphInput, g.scale(out), g.zeroPoint(out)));
    int8.put(out.id(), g.clampInt8(q, op.clamp(), out.name() + "_clamp"));
  }

  @Override
  public void conv(Conv2D op, Tensor in, Tensor out) {
    QuantizedWeights filter = op.filter();
    long[] oihw = {filter.shape().dim(0), filter.shape().dim(3), filter.shape().dim(1), filter.shape().dim(2)};
    int channels = filter.channels();
    String w = g.initializer(Tensors.int8(op.name() + "_weight", oihw, WeightLayouts.ohwiToOihw(filter)));
    String ws = g.initializer(Tensors.float32(op.name() + "_weight_scale", new long[] {channels},
        WeightLayouts.channelScales(filter)));
    String wzp = g.initializer(Tensors.int8(op.name() + "_weight_zero_point", new long[] {channels},
        new byte[channels]));
    String b = g.initializer(Tensors.int32(op.name() + "_bias", new long[] {channels}, op.bias()));
    String y = g.node("QLinearConv", out.name(), List.of(int8.get(in.id()), g.scale(in), g.zeroPoint(in), w, ws, wzp,
        g.scale(out), g.zeroPoint(out), b), Windows.conv(op.window(), filter));
    int8.put(out.id(), g.clampInt8(y, op.clamp(), out.name() + "_clamp"));
  }

  @Override
  public void fullyConnected(FullyConnected op, Tensor in, Tensor out, int[] columnOrder) {
    QuantizedWeights weights = op.weights();
    int rows = weights.shape().dim(0);
    int cols = weights.shape().dim(1);
    byte[] kByM = WeightLayouts.transpose(WeightLayouts.rowsInOnnxOrder(weights, columnOrder), rows, cols);
    String b = g.initializer(Tensors.int8(op.name() + "_weight", new long[] {cols, rows}, kByM));
    String acc = g.node("MatMulInteger", op.name() + "_accumulator", List.of(int8.get(in.id()), b, g.zeroPoint(in)));
    String bias = g.initializer(Tensors.int32(op.name() + "_bias", new long[] {rows}, op.bias()));
    String biased = g.node("Add", op.name() + "_biased", List.of(acc, bias));
    String real = g.node("Cast", op.name() + "_biased_float", List.of(biased),
        OnnxGraph.integer("to", DataType.FLOAT.getNumber()));
    String m = g.initializer(Tensors.float32(op.name() + "_multiplier", new long[] {rows},
        QuantScales.requantization(in.quantization().scale(), weights, out.quantization().scale())));
    String scaled = g.node("Mul", op.name() + "_scaled", List.of(real, m));
    String y = g.node("QuantizeLinear", out.name(), List.of(scaled, g.float32(1f), g.zeroPoint(out)));
    int8.put(out.id(), g.clampInt8(y, op.clamp(), out.name() + "_clamp"));
  }

  @Override
  public void maxPool(MaxPool2D op, Tensor in, Tensor out) {
    String y = g.node("MaxPool", out.name(), List.of(int8.get(in.id())), Windows.maxPool(op.window()));
    int8.put(out.id(), g.clampInt8(y, op.clamp(), out.name() + "_clamp"));
  }

  @Override
  public void averagePool(AveragePool2D op, Tensor in, Tensor out) {
    String x = g.node("DequantizeLinear", in.name() + "_dequantized", List.of(int8.get(in.id()), g.scale(in),
        g.zeroPoint(in)));
    String avg = g.node("AveragePool", out.name() + "_float", List.of(x), Windows.averagePool(op.window()));
    String y = g.node("QuantizeLinear", out.name(), List.of(avg, g.scale(out), g.zeroPoint(out)));
    int8.put(out.id(), g.clampInt8(y, op.clamp(), out.name() + "_clamp"));
  }

  @Override
  public void reshape(Tensor in, Tensor out, ReshapePlan plan) {
    int8.put(out.id(), g.reshape(int8.get(in.id()), plan, out.name()));
  }

  @Override
  public void dequantizeOutput(Tensor in, String graphOutput) {
    if (options.output() == EdgeType.INT8) {
      g.nodeTo("Identity", graphOutput, List.of(int8.get(in.id())));
    } else {
      g.nodeTo("DequantizeLinear", graphOutput, List.of(int8.get(in.id()), g.scale(in), g.zeroPoint(in)));
    }
  }
}
