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
   * Quantizes {@code count} values from {@code src[srcOffset]} into {@code dst[dstOffset]}: for
   * each, exactly {@link #quantize(float, float, int, int, int)} narrowed to a byte. Values before
   * a NaN are written, as one by one.
   *
   * <p>For a finite non-zero scale and a non-empty clamp range near the int range (every
   * quantization a graph holds), the loop below computes the same integers without a double:
   * with {@code y = x / scale} (float32, as always), {@code lo = qmin - zeroPoint} and {@code hi
   * = qmax - zeroPoint},
   *
   * <pre>  q = zeroPoint + clamp(sign(y) * Math.round(|y|), lo, hi)</pre>
   *
   * <p>Why it is the same: {@link Math#round(float)} is exactly {@code floor(a + 1/2)} (no
   * rounded intermediate sum), so for {@code a = |y|} it rounds half away from zero, and the sign
   * is put back as {@link Rounding#HALF_AWAY_FROM_ZERO} does. It saturates at {@code
   * Integer.MAX_VALUE} (also for infinities), beyond {@code |lo|} and {@code |hi|}, so a huge
   * {@code y} clamps to the same bound as the unsaturated value would. Clamping {@code r +
   * zeroPoint} to {@code [qmin, qmax]} equals {@code zeroPoint + clamp(r, lo, hi)}; the
   * reference's double sum can round only where {@code |r| > 2^52}, far outside the clamp, and
   * rounding is monotone, so it clamps to the same bound. With a finite non-zero scale {@code y}
   * is NaN exactly when {@code x} is. Other arguments take the value-by-value path.
   *
   * @throws IllegalArgumentException naming the index of the first NaN
   */
  public static void quantize(float[] src, int srcOffset, byte[] dst, int dstOffset, int count,
      float scale, int zeroPoint, int qmin, int qmax) {
    long lo = (long) qmin - zeroPoint;
    long hi = (long) qmax - zeroPoint;
    boolean intFormulationApplies = Float.isFinite(scale) && scale != 0f && qmin <= qmax
        && lo > -Integer.MAX_VALUE && hi < Integer.MAX_VALUE;
    if (!intFormulationApplies) {
      for (int i = 0; i < count; i++) {
        float x = src[srcOffset + i];
        checkNotNaN(x, srcOffset + i);
        dst[dstOffset + i] = (byte) quantize(x, scale, zeroPoint, qmin, qmax);
      }
      return;
    }
    final int low = (int) lo;
    final int high = (int) hi;
    for (int i = 0; i < count; i++) {
      float x = src[srcOffset + i];
      checkNotNaN(x, srcOffset + i);
      float y = x / scale; // float32 division, as TFLite's AffineQuantize
      int magnitude = Math.round(Math.abs(y)); // floor(|y| + 1/2) exactly: half away from zero
      int rounded = y < 0f ? -magnitude : magnitude;
      dst[dstOffset + i] = (byte) (zeroPoint + Math.min(Math.max(rounded, low), high));
    }
  }

  private static void checkNotNaN(float x, int index) {
    if (x != x) { // Float.isNaN, spelled out to keep this small method trivially inlinable
      throw new IllegalArgumentException("input value at index " + index
          + " is NaN; the int8 engine cannot represent it, clean the input first");
    }
  }

  /** {@code scale * (q - zeroPoint)}: exact in double, then rounded to the nearest float. */
  public static float dequantize(int q, float scale, int zeroPoint) {
    return (float) ((double) scale * (q - zeroPoint));
  }

  /**
   * Dequantizes {@code count} values from {@code src[srcOffset]} into {@code dst[dstOffset]}: for
   * each, exactly {@link #dequantize(int, float, int)}.
   *
   * <p>For {@code |zeroPoint| <= 2^23} this multiplies in float: {@code q - zeroPoint} is then an
   * integer below 2^24 in magnitude, exact in float, and a float product is by IEEE 754 the exact
   * product rounded once to float. The exact product has at most 24 + 24 significant bits, so the
   * double product is exact too and its narrowing is the same single rounding (including overflow
   * to infinity and subnormal results).
   */
  public static void dequantize(byte[] src, int srcOffset, float[] dst, int dstOffset, int count,
      float scale, int zeroPoint) {
    if (zeroPoint < -(1 << 23) || zeroPoint > 1 << 23) {
      for (int i = 0; i < count; i++) {
        dst[dstOffset + i] = dequantize(src[srcOffset + i], scale, zeroPoint);
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      dst[dstOffset + i] = scale * (float) (src[srcOffset + i] - zeroPoint);
    }
  }
}
