package org.qat4j.onnx;

import org.qat4j.core.graph.QuantizedWeights;

/**
 * Moves weights from the engine's layouts to ONNX's, and dequantizes them for the float form.
 *
 * <p>The engine stores convolution filters {@code [O, kH, kW, I]} (OHWI) and fully-connected
 * weights {@code [out, in]}; ONNX's Conv and QLinearConv take OIHW, MatMulInteger takes {@code
 * [in, out]} and Gemm (with {@code transB = 1}) takes {@code [out, in]}. A fully-connected layer
 * that reads a feature map flattened in ONNX's NCHW order, {@code (c, h, w)}, gets its columns
 * permuted from the engine's {@code (h, w, c)} order ({@link #chwToHwc}).
 */
final class WeightLayouts {

  private WeightLayouts() {}

  /** OHWI {@code [O, kH, kW, I]} to OIHW {@code [O, I, kH, kW]}. */
  static byte[] ohwiToOihw(QuantizedWeights filter) {
    int o = filter.shape().dim(0);
    int kh = filter.shape().dim(1);
    int kw = filter.shape().dim(2);
    int in = filter.shape().dim(3);
    byte[] src = filter.values();
    byte[] dst = new byte[src.length];
    for (int oc = 0; oc < o; oc++) {
      for (int y = 0; y < kh; y++) {
        for (int x = 0; x < kw; x++) {
          for (int ic = 0; ic < in; ic++) {
            dst[((oc * in + ic) * kh + y) * kw + x] = src[((oc * kh + y) * kw + x) * in + ic];
          }
        }
      }
    }
    return dst;
  }

  /**
   * For a {@code [height, width, channels]} map flattened in ONNX's {@code (c, h, w)} order: entry
   * {@code p} is the engine's {@code (h, w, c)} index of the element at ONNX position {@code p}.
   */
  static int[] chwToHwc(int height, int width, int channels) {
    int[] order = new int[height * width * channels];
    for (int c = 0; c < channels; c++) {
      for (int h = 0; h < height; h++) {
        for (int w = 0; w < width; w++) {
          order[(c * height + h) * width + w] = (h * width + w) * channels + c;
        }
      }
    }
    return order;
  }

  /**
   * Fully-connected weights {@code [out, in]} with their columns in ONNX input order: column
   * {@code p} is engine column {@code columnOrder[p]}, or {@code p} if {@code columnOrder} is null.
   */
  static byte[] rowsInOnnxOrder(QuantizedWeights weights, int[] columnOrder) {
    int rows = weights.shape().dim(0);
    int cols = weights.shape().dim(1);
    byte[] src = weights.values();
    if (columnOrder == null) {
      return src;
    }
    byte[] dst = new byte[src.length];
    for (int r = 0; r < rows; r++) {
      for (int p = 0; p < cols; p++) {
        dst[r * cols + p] = src[r * cols + columnOrder[p]];
      }
    }
    return dst;
  }

  /** A row-major {@code [rows, cols]} matrix transposed to {@code [cols, rows]}. */
  static byte[] transpose(byte[] matrix, int rows, int cols) {
    byte[] t = new byte[matrix.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = matrix[r * cols + c];
      }
    }
    return t;
  }

  /**
   * Real weights {@code q * scale[o]} for values whose dimension 0 is the output channel: the
   * product in double is exact (8-bit integer times float32), rounded once to float32 (round to
   * nearest even).
   */
  static float[] dequantize(byte[] values, QuantizedWeights weights) {
    int perChannel = values.length / weights.channels();
    float[] real = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      real[i] = (float) ((double) values[i] * weights.scale(i / perChannel));
    }
    return real;
  }

  /** The per-channel scales, one per output channel (repeated for per-tensor weights). */
  static float[] channelScales(QuantizedWeights weights) {
    float[] scales = new float[weights.channels()];
    for (int c = 0; c < scales.length; c++) {
      scales[c] = weights.scale(c);
    }
    return scales;
  }
}
