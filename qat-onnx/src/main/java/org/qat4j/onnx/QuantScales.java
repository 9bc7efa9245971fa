package org.qat4j.onnx;

import org.qat4j.core.graph.QuantizedWeights;

/** The derived scales the ONNX forms store: bias scales and real requantization multipliers. */
final class QuantScales {

  private QuantScales() {}

  /**
   * {@code s_in * s_w[c]} per output channel, the float32 product (round to nearest even): the
   * scale the engine's int32 bias is quantized to (docs/export.md, "Bias rounding"), and the one
   * ONNX requires of QLinearConv's bias and of a bias DequantizeLinear in QDQ form.
   */
  static float[] bias(float inputScale, QuantizedWeights weights) {
    float[] scales = new float[weights.channels()];
    for (int c = 0; c < scales.length; c++) {
      scales[c] = inputScale * weights.scale(c);
    }
    return scales;
  }

  /**
   * The real requantization multiplier {@code M[c] = s_in * s_w[c] / s_out} per output channel:
   * product and quotient in double, rounded once to float32 (round to nearest even). The engine
   * turns the same real number into TFLite's fixed-point pair; ONNX's QLinearConv applies it
   * to the int32 accumulator in real arithmetic, and the QOperator fully-connected layer does so
   * in float32 ({@link QOperatorLowering}).
   */
  static float[] requantization(float inputScale, QuantizedWeights weights, float outputScale) {
    float[] m = new float[weights.channels()];
    for (int c = 0; c < m.length; c++) {
      m[c] = (float) ((double) inputScale * (double) weights.scale(c) / (double) outputScale);
    }
    return m;
  }
}
