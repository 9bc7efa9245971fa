package org.qat4j.core.quant;

/**
 * Real arrays to storage integers and back (docs/quantization.md eq. 1, 2 and 19), with the
 * rounding mode named by the caller.
 *
 * <p>Quantize: {@code q = clamp(round(x / scale) + zeroPoint, quantMin, quantMax)}, where
 * {@code x / scale} is a float division (as in TFLite's reference {@code AffineQuantize} and
 * ONNX's {@code QuantizeLinear}), {@code round} is the given {@link Rounding} applied in float,
 * and the sum and clamp are exact. With {@link Rounding#HALF_AWAY_FROM_ZERO} this is TFLite's
 * quantize; with {@link Rounding#HALF_TO_EVEN} it is ONNX's. PyTorch multiplies by a float
 * reciprocal {@code 1/scale} instead of dividing, which can differ where the quotient is
 * within one float rounding of a tie. Infinite inputs saturate to the storage ends; NaN is
 * rejected.
 *
 * <p>Dequantize: {@code scale * (q - zeroPoint)}, the difference exact in long and the product
 * in double, rounded to float once (TFLite's reference {@code Dequantize}); for storage of 16
 * bits or less the product is exact in double, so this equals the float product.
 */
public final class Quantizer {

  private Quantizer() {
  }

  /**
   * Quantizes one value (eq. 2).
   *
   * @param x the real value; not NaN
   * @param params scale and zero point
   * @param scheme the storage; per tensor, and the zero point must fit it
   * @param rounding how ties round
   * @return the storage integer, saturated to {@code [scheme.quantMin(), scheme.quantMax()]}
   * @throws IllegalArgumentException if {@code x} is NaN or the parameters do not fit the scheme
   */
  public static int quantize(float x, QuantParams params, QuantScheme scheme,
      Rounding rounding) {
    params.checkFits(scheme);
    Checks.requireNotNaN(x, "x", 0);
    return quantizeOne(x, params.scale(), params.zeroPoint(), scheme.quantMin(),
        scheme.quantMax(), rounding);
  }

  /**
   * Quantizes an array with per-tensor parameters (eq. 2).
   *
   * @param x real values; no NaN
   * @param params scale and zero point
   * @param scheme the storage; per tensor, and the zero point must fit it
   * @param rounding how ties round
   * @return a new array of storage integers, saturated to the scheme's range
   * @throws IllegalArgumentException if an input is NaN or the parameters do not fit the
   *     scheme
   */
  public static int[] quantize(float[] x, QuantParams params, QuantScheme scheme,
      Rounding rounding) {
    params.checkFits(scheme);
    float scale = params.scale();
    int zeroPoint = params.zeroPoint();
    int quantMin = scheme.quantMin();
    int quantMax = scheme.quantMax();
    int[] q = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      Checks.requireNotNaN(x[i], "x", i);
      q[i] = quantizeOne(x[i], scale, zeroPoint, quantMin, quantMax, rounding);
    }
    return q;
  }

  /**
   * Quantizes a row-major tensor with per-channel parameters (eq. 2 per channel).
   *
   * @param x real values, row-major of {@code shape}; no NaN
   * @param shape the tensor's dimensions; {@code shape[params.axis()] == params.channels()}
   * @param params per-channel scales and zero points
   * @param scheme the storage; per channel on {@code params.axis()}
   * @param rounding how ties round
   * @return a new array of storage integers, saturated to the scheme's range
   * @throws IllegalArgumentException if an input is NaN, the shape does not match, or the
   *     parameters do not fit the scheme
   */
  public static int[] quantizePerChannel(float[] x, int[] shape, PerChannelQuantParams params,
      QuantScheme scheme, Rounding rounding) {
    params.checkFits(scheme);
    ChannelLayout layout = ChannelLayout.of(shape, params.axis());
    layout.check(x.length, params.channels(), "params");
    int quantMin = scheme.quantMin();
    int quantMax = scheme.quantMax();
    int[] q = new int[x.length];
    int index = 0;
    for (int o = 0; o < layout.outer(); o++) {
      for (int c = 0; c < layout.channels(); c++) {
        float scale = params.scale(c);
        int zeroPoint = params.zeroPoint(c);
        for (int end = index + layout.inner(); index < end; index++) {
          Checks.requireNotNaN(x[index], "x", index);
          q[index] = quantizeOne(x[index], scale, zeroPoint, quantMin, quantMax, rounding);
        }
      }
    }
    return q;
  }

  /**
   * Dequantizes one value (eq. 1).
   *
   * @param q storage integer
   * @param params scale and zero point
   * @return {@code scale * (q - zeroPoint)} rounded to float
   */
  public static float dequantize(int q, QuantParams params) {
    return dequantizeOne(q, params.scale(), params.zeroPoint());
  }

  /**
   * Dequantizes an array with per-tensor parameters (eq. 1). Values outside any storage range
   * (an int32 bias, say) are accepted.
   *
   * @param q storage integers
   * @param params scale and zero point
   * @return a new array of real values
   */
  public static float[] dequantize(int[] q, QuantParams params) {
    float scale = params.scale();
    int zeroPoint = params.zeroPoint();
    float[] x = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      x[i] = dequantizeOne(q[i], scale, zeroPoint);
    }
    return x;
  }

  /**
   * Dequantizes a row-major tensor with per-channel parameters (eq. 1 per channel).
   *
   * @param q storage integers, row-major of {@code shape}
   * @param shape the tensor's dimensions; {@code shape[params.axis()] == params.channels()}
   * @param params per-channel scales and zero points
   * @return a new array of real values
   * @throws IllegalArgumentException if the shape does not match
   */
  public static float[] dequantizePerChannel(int[] q, int[] shape,
      PerChannelQuantParams params) {
    ChannelLayout layout = ChannelLayout.of(shape, params.axis());
    layout.check(q.length, params.channels(), "params");
    float[] x = new float[q.length];
    int index = 0;
    for (int o = 0; o < layout.outer(); o++) {
      for (int c = 0; c < layout.channels(); c++) {
        float scale = params.scale(c);
        int zeroPoint = params.zeroPoint(c);
        for (int end = index + layout.inner(); index < end; index++) {
          x[index] = dequantizeOne(q[index], scale, zeroPoint);
        }
      }
    }
    return x;
  }

  private static int quantizeOne(float x, float scale, int zeroPoint, int quantMin,
      int quantMax, Rounding rounding) {
    // round(x / scale) is an integer-valued float (or infinite); adding the zero point in
    // double is exact below 2^53 and the clamp brings everything larger back into range.
    double shifted = (double) rounding.round(x / scale) + zeroPoint;
    return (int) Math.min(Math.max(shifted, quantMin), quantMax);
  }

  private static float dequantizeOne(int q, float scale, int zeroPoint) {
    return (float) ((double) scale * ((long) q - zeroPoint));
  }
}
