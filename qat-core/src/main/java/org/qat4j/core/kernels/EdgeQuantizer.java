package org.qat4j.core.kernels;

import org.qat4j.core.quant.Rounding;

/**
 * Quantization and dequantization at the float edges of an integer graph, as TFLite's reference
 * {@code AffineQuantize} and {@code Dequantize} define them.
 *
 * <p>Quantize: {@code q = clamp(round_half_away_from_zero(x / scale) + zero_point, qmin, qmax)},
 * where {@code x / scale} is a float32 division and the rounding is {@link
 * org.qat4j.core.quant.Rounding#HALF_AWAY_FROM_ZERO} in float. Dequantize: {@code x = scale * (q - zero_point)},
 * exact in double and rounded once to float32. These are the only places floats meet the int8
 * engine. (TensorFlow's fake quantization rounds half up and ONNX rounds half to even; an input
 * exactly halfway between two grid points can therefore quantize differently there.)
 */
public final class EdgeQuantizer {

  private EdgeQuantizer() {}

  /**
   * {@code zero_point + round_half_away_from_zero(value / scale)} before clamping, as a double
   * (an integer, or an infinity for values beyond the float range of {@code value / scale}).
   * TFLite's activation-range computation ({@code CalculateActivationRangeQuantized}) uses this
   * form for the real bounds 0 and 6.
   *
   * @throws IllegalArgumentException if {@code value} is NaN
   */
  public static double quantizeUnclamped(float value, float scale, int zeroPoint) {
    if (Float.isNaN(value)) {
      throw new IllegalArgumentException("cannot quantize NaN; check the input for missing or invalid values");
    }
    return (double) Rounding.HALF_AWAY_FROM_ZERO.round(value / scale) + zeroPoint;
  }

  /**
   * Quantizes one value and saturates it to {@code [qmin, qmax]}.
   *
   * @throws IllegalArgumentException if {@code value} is NaN
   */
  public static int quantize(float value, float scale, int zeroPoint, int qmin, int qmax) {
    double unclamped = quantizeUnclamped(value, scale, zeroPoint);
    return (int) Math.min(Math.max(unclamped, qmin), qmax);
  }

  /**
   * Quantizes {@code count} values from {@code src[srcOffset]} into {@code dst[dstOffset]}.
   *
   * @throws IllegalArgumentException naming the index of the first NaN
   */
  public static void quantize(float[] src, int srcOffset, byte[] dst, int dstOffset, int count,
      float scale, int zeroPoint, int qmin, int qmax) {
    for (int i = 0; i < count; i++) {
      float x = src[srcOffset + i];
      if (Float.isNaN(x)) {
        throw new IllegalArgumentException("input value at index " + (srcOffset + i)
            + " is NaN; the int8 engine cannot represent it, clean the input first");
      }
      dst[dstOffset + i] = (byte) quantize(x, scale, zeroPoint, qmin, qmax);
    }
  }

  /** {@code scale * (q - zeroPoint)}: exact in double, then rounded to the nearest float. */
  public static float dequantize(int q, float scale, int zeroPoint) {
    return (float) ((double) scale * (q - zeroPoint));
  }

  /** Dequantizes {@code count} values from {@code src[srcOffset]} into {@code dst[dstOffset]}. */
  public static void dequantize(byte[] src, int srcOffset, float[] dst, int dstOffset, int count,
      float scale, int zeroPoint) {
    for (int i = 0; i < count; i++) {
      dst[dstOffset + i] = dequantize(src[srcOffset + i], scale, zeroPoint);
    }
  }
}
