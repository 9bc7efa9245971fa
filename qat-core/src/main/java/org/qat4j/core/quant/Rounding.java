package org.qat4j.core.quant;

/**
 * The ways qat4j rounds a real number to an integer; the only place in this package where
 * that happens (docs/quantization.md section "Rounding modes").
 *
 * <p>The systems qat4j must agree with do not agree with each other. TensorFlow's nudge and
 * TFLite's quantize round ties away from zero ({@code std::round}); TensorFlow's fake
 * quantization forward computes {@code floor(x + 0.5)}; PyTorch and ONNX round ties to even
 * ({@code std::nearbyint}, {@code np.rint}). The three constants reproduce those rules exactly,
 * including the sign of a zero result. Integer-only rescaling ({@code
 * org.qat4j.core.fixedpoint}) never sees a real number and has its own, integer tie rules.
 *
 * <p>Each mode rounds a {@code float} in float precision and a {@code double} in double
 * precision. {@link #HALF_TO_EVEN} and {@link #HALF_AWAY_FROM_ZERO} are exact in both: the
 * result is the mathematically nearest integer with the stated tie rule. {@link #HALF_UP} is
 * defined as TensorFlow writes it, {@code floor(x + 0.5)} with the addition rounded to the
 * argument's precision; see its Javadoc for the two places where that differs from an exact
 * half-up.
 *
 * <p>NaN and infinities pass through {@link #round(float)} and {@link #round(double)}
 * unchanged; the integer-returning methods reject them.
 */
public enum Rounding {

  /**
   * Ties away from zero: 0.5 to 1, -0.5 to -1, 2.5 to 3, -2.5 to -3. C's {@code round},
   * used by TensorFlow's range nudging (docs/quantization.md eq. 6) and by TFLite's
   * {@code Quantize} and activation-range arithmetic. Exact in both precisions. A negative
   * argument that rounds to zero gives {@code -0.0}, as C does.
   */
  HALF_AWAY_FROM_ZERO {
    @Override
    public double round(double x) {
      if (!Double.isFinite(x)) {
        return x;
      }
      double magnitude = Math.abs(x);
      double floor = Math.floor(magnitude);
      // magnitude - floor is exact in double (both share the exponent range of magnitude).
      double rounded = magnitude - floor >= 0.5 ? floor + 1.0 : floor;
      return Math.copySign(rounded, x);
    }

    @Override
    public float round(float x) {
      // Widening is exact and the result is an integer no larger than 2^24 or x itself,
      // so narrowing back is exact too.
      return (float) round((double) x);
    }
  },

  /**
   * Ties to the even neighbour ("banker's rounding"): 0.5 to 0, 1.5 to 2, 2.5 to 2, -0.5 to
   * -0, -2.5 to -2. C's {@code nearbyint} in the default rounding mode and NumPy's
   * {@code rint}, used by PyTorch's quantize and fake quantize (docs/quantization.md eq. 14)
   * and by ONNX {@code QuantizeLinear}. Exact in both precisions ({@link Math#rint}).
   */
  HALF_TO_EVEN {
    @Override
    public double round(double x) {
      return Math.rint(x);
    }

    @Override
    public float round(float x) {
      return (float) Math.rint(x);
    }
  },

  /**
   * {@code floor(x + 0.5)} with the addition rounded to the argument's precision, as
   * TensorFlow's {@code FakeQuantWithMinMaxVars} computes it in float (docs/quantization.md
   * eq. 9 to 11). Ties go up: 0.5 to 1, -0.5 to 0, 2.5 to 3, -2.5 to -2. A zero result is
   * always {@code +0.0}.
   *
   * <p>Because the addition itself rounds, this is not an exact half-up in two places, and
   * qat4j keeps them because TensorFlow has them: the largest value below 0.5
   * ({@code 0.49999997f}, {@code 0.49999999999999994}) gives 1, since {@code x + 0.5} rounds
   * to 1.0; and odd integers with {@code 2^23 <= |x| < 2^24} in float ({@code 2^52 <= |x| <
   * 2^53} in double) move up by one, since {@code x + 0.5} is then a tie that rounds to the
   * even neighbour above. Fake quantization meets the first case when the zero point is at
   * the bottom of the grid, never the second (its operands stay below 2^17).
   */
  HALF_UP {
    @Override
    public double round(double x) {
      return Math.floor(x + 0.5);
    }

    @Override
    public float round(float x) {
      // Float addition on purpose: the rounded sum is what TensorFlow floors.
      float sum = x + 0.5f;
      return (float) Math.floor(sum);
    }
  };

  /**
   * Rounds {@code x} to an integer-valued double under this mode's tie rule.
   *
   * @param x the value; NaN and infinities are returned unchanged
   * @return the rounded value, integer-valued when {@code x} is finite
   */
  public abstract double round(double x);

  /**
   * Rounds {@code x} to an integer-valued float under this mode's tie rule, with every
   * intermediate step in float precision.
   *
   * @param x the value; NaN and infinities are returned unchanged
   * @return the rounded value, integer-valued when {@code x} is finite
   */
  public abstract float round(float x);

  /**
   * Rounds {@code x} to an {@code int}.
   *
   * @param x a finite value whose rounded result lies in the int range
   * @return the rounded integer
   * @throws IllegalArgumentException if {@code x} is NaN or infinite, or its rounded value is
   *     outside {@code [Integer.MIN_VALUE, Integer.MAX_VALUE]}
   */
  public int roundToInt(float x) {
    return roundToInt((double) round(x), x);
  }

  /**
   * Rounds {@code x} to an {@code int}.
   *
   * @param x a finite value whose rounded result lies in the int range
   * @return the rounded integer
   * @throws IllegalArgumentException if {@code x} is NaN or infinite, or its rounded value is
   *     outside {@code [Integer.MIN_VALUE, Integer.MAX_VALUE]}
   */
  public int roundToInt(double x) {
    return roundToInt(round(x), x);
  }

  /**
   * Rounds {@code x} to a {@code long}.
   *
   * @param x a finite value whose rounded result lies in the long range
   * @return the rounded integer
   * @throws IllegalArgumentException if {@code x} is NaN or infinite, or its rounded value is
   *     outside {@code [Long.MIN_VALUE, Long.MAX_VALUE]}
   */
  public long roundToLong(double x) {
    double rounded = round(x);
    requireFinite(x);
    // 2^63 is exactly representable; every double below it converts without overflow.
    if (rounded < -0x1p63 || rounded >= 0x1p63) {
      throw new IllegalArgumentException(name() + " rounding of " + x + " gives " + rounded
          + ", outside the long range [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE
          + "]; scale the value down or clamp it before rounding");
    }
    return (long) rounded;
  }

  private int roundToInt(double rounded, double original) {
    requireFinite(original);
    if (rounded < Integer.MIN_VALUE || rounded > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name() + " rounding of " + original + " gives "
          + rounded + ", outside the int range [" + Integer.MIN_VALUE + ", "
          + Integer.MAX_VALUE + "]; clamp the value before rounding or use roundToLong");
    }
    return (int) rounded;
  }

  private void requireFinite(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("cannot round " + x + " to an integer with " + name()
          + "; the value must be finite: check the input for NaN or overflow upstream");
    }
  }
}
