package org.qat4j.core.fixedpoint;

import org.qat4j.core.quant.Rounding;

/**
 * gemmlowp/TFLite fixed-point primitives, bit-exact for every int input.
 *
 * <p>Run-time methods ({@link #saturatingRoundingDoublingHighMul}, {@link #roundingDivideByPOT},
 * {@link #multiplyByQuantizedMultiplier}) use integer arithmetic only. {@link
 * #quantizeMultiplier} is offline code: it runs once per channel when a model is exported and is
 * the only method here that touches floating point. Equations: {@code docs/quantization.md},
 * "Fixed-point requantization".
 */
public final class FixedPoint {

  private FixedPoint() {}

  /**
   * {@code round(a * b / 2^31)} with ties rounded toward positive infinity, saturated.
   *
   * <p>Reading {@code a} and {@code b} as Q0.31 numbers in [-1, 1), the product is a Q0.62 number;
   * its high 32 bits after doubling (hence the name) are the Q0.31 product. The rounding adds
   * one half before truncating: gemmlowp adds {@code 2^30} for a non-negative product and
   * {@code 1 - 2^30} for a negative one and then divides with truncation toward zero, which is
   * the same as {@code floor((a*b + 2^30) / 2^31)}, i.e. ties toward +infinity. The only
   * overflow is {@code a == b == Integer.MIN_VALUE} (-1 * -1 = +1, not representable), which
   * saturates to {@code Integer.MAX_VALUE}, as ARM's {@code VQRDMULH} does.
   */
  public static int saturatingRoundingDoublingHighMul(int a, int b) {
    if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
      return Integer.MAX_VALUE;
    }
    long product = (long) a * (long) b;
    // |product| <= 2^62 - 2^31, so adding 2^30 cannot overflow; >> floors.
    return (int) ((product + (1L << 30)) >> 31);
  }

  /**
   * {@code round(x / 2^exponent)} with ties rounded away from zero, for {@code exponent} in
   * [0, 31].
   *
   * <p>The arithmetic shift floors; one is added back when the discarded bits exceed half of
   * {@code 2^exponent}, where for negative {@code x} "exactly half" also counts (that is what
   * makes negative ties go away from zero).
   *
   * @throws IllegalArgumentException if {@code exponent} is outside [0, 31]
   */
  public static int roundingDivideByPOT(int x, int exponent) {
    if (exponent < 0 || exponent > 31) {
      throw new IllegalArgumentException("exponent " + exponent
          + " is outside [0, 31]; a right shift of an int32 by more than 31 bits is undefined");
    }
    int mask = (int) ((1L << exponent) - 1);
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
  }

  /**
   * Applies a fixed-point multiplier: {@code x * M} with TFLite's default double rounding.
   *
   * <p>{@code roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * 2^max(shift, 0), q),
   * max(-shift, 0))}. Rounding happens twice (ties toward +infinity, then ties away from zero),
   * so the result can differ by one from {@code round(x * M)}: for x = 5 and M = 0.25 it is 2.
   * This is TFLite's default build; builds with {@code TFLITE_SINGLE_ROUNDING} differ.
   *
   * <p>For a positive shift, {@code x * 2^shift} is computed in 32-bit two's complement and wraps
   * on overflow, as the compiled C++ does on every supported target. Requantization multipliers
   * of real models are below one (shift &lt;= 0), where no wrap can happen.
   *
   * @param x the int32 value to scale, typically an accumulator
   * @param multiplier the Q0.31 mantissa, non-negative
   * @param shift the exponent, in [{@link QuantizedMultiplier#MIN_SHIFT}, {@link
   *     QuantizedMultiplier#MAX_SHIFT}]
   * @throws IllegalArgumentException if the multiplier is negative or the shift is out of range
   */
  public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
    if (multiplier < 0 || shift < QuantizedMultiplier.MIN_SHIFT || shift > QuantizedMultiplier.MAX_SHIFT) {
      // Reuse the record's messages so there is one wording for one rule.
      new QuantizedMultiplier(multiplier, shift);
    }
    int leftShift = shift > 0 ? shift : 0;
    int rightShift = shift > 0 ? 0 : -shift;
    return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
  }

  /** {@link #multiplyByQuantizedMultiplier(int, int, int)} with the pair in one value. */
  public static int multiplyByQuantizedMultiplier(int x, QuantizedMultiplier m) {
    return multiplyByQuantizedMultiplier(x, m.multiplier(), m.shift());
  }

  /**
   * Offline: the fixed-point form of a real multiplier, as TFLite's {@code QuantizeMultiplier}.
   *
   * <p>{@code M = q0 * 2^shift} with {@code q0} in [0.5, 1) ({@code frexp}); {@code q = round(q0 *
   * 2^31)} with ties away from zero ({@code std::round}). When rounding carries {@code q} to
   * {@code 2^31}, it is halved and the shift incremented. A shift below -31 would shift every bit
   * out, so such tiny multipliers are flushed to {@code (0, 0)}. {@code M == 0} gives {@code (0,
   * 0)}.
   *
   * @param realMultiplier a finite, non-negative real multiplier below 2^30
   * @throws IllegalArgumentException for NaN, infinities, negative values and values of 2^30 or
   *     more
   */
  public static QuantizedMultiplier quantizeMultiplier(double realMultiplier) {
    if (!(realMultiplier >= 0) || Double.isInfinite(realMultiplier)) {
      throw new IllegalArgumentException("real multiplier " + realMultiplier
          + " must be finite and >= 0; requantization multipliers are s_in * s_w / s_out with positive scales");
    }
    if (realMultiplier == 0) {
      return new QuantizedMultiplier(0, 0);
    }
    // frexp: realMultiplier = q0 * 2^exponent with q0 in [0.5, 1). getExponent gives the exponent
    // of the leading bit for [1, 2); one more puts the mantissa in [0.5, 1). Subnormals need
    // the normalisation loop because getExponent reports MIN_EXPONENT - 1 for all of them.
    int exponent = Math.getExponent(realMultiplier) + 1;
    double q0 = Math.scalb(realMultiplier, -exponent);
    while (q0 < 0.5) {
      q0 *= 2;
      exponent--;
    }
    // q0 * 2^31 is exact (a power-of-two scaling); then std::round: ties away from zero.
    long qFixed = (long) Rounding.HALF_AWAY_FROM_ZERO.round(Math.scalb(q0, 31));
    if (qFixed == (1L << 31)) {
      qFixed /= 2;
      exponent++;
    }
    if (exponent < QuantizedMultiplier.MIN_SHIFT) {
      return new QuantizedMultiplier(0, 0);
    }
    if (exponent > QuantizedMultiplier.MAX_SHIFT) {
      throw new IllegalArgumentException("real multiplier " + realMultiplier + " needs shift " + exponent
          + ", above the largest " + QuantizedMultiplier.MAX_SHIFT
          + "; check the scales (s_in * s_w / s_out of a real layer is far below 2^30)");
    }
    return new QuantizedMultiplier((int) qFixed, exponent);
  }
}
