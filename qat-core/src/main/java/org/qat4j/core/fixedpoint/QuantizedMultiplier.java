package org.qat4j.core.fixedpoint;

/**
 * A real multiplier in fixed point: {@code M ~= multiplier * 2^(shift - 31)}.
 *
 * <p>{@code multiplier} is a non-negative Q0.31 value; when derived by
 * {@link FixedPoint#quantizeMultiplier(double)} it lies in {@code [2^30, 2^31 - 1]}, or is 0 for
 * {@code M == 0} and for multipliers too small to matter (below about 2^-32). {@code shift}
 * is a left shift when positive and a right shift when negative.
 *
 * @param multiplier the Q0.31 mantissa, in {@code [0, 2^31 - 1]}
 * @param shift the power-of-two exponent, in {@code [MIN_SHIFT, MAX_SHIFT]}
 */
public record QuantizedMultiplier(int multiplier, int shift) {

  /** Smallest shift: a right shift by 31 bits, the most {@code roundingDivideByPOT} takes. */
  public static final int MIN_SHIFT = -31;

  /**
   * Largest shift: a left shift by 30 bits keeps {@code 1 << shift} a positive int32, which
   * TFLite's {@code x * (1 << left_shift)} relies on.
   */
  public static final int MAX_SHIFT = 30;

  /** Validates the ranges above. */
  public QuantizedMultiplier {
    if (multiplier < 0) {
      throw new IllegalArgumentException("fixed-point multiplier " + multiplier
          + " is negative; it must be in [0, 2^31 - 1] (derive it with FixedPoint.quantizeMultiplier)");
    }
    if (shift < MIN_SHIFT || shift > MAX_SHIFT) {
      throw new IllegalArgumentException("fixed-point shift " + shift + " is outside [" + MIN_SHIFT
          + ", " + MAX_SHIFT + "]; the real multiplier must be below 2^30 and is flushed to zero below 2^-32");
    }
  }

  /** The real number this pair stands for, {@code multiplier * 2^(shift - 31)}, for reports. */
  public double toDouble() {
    return Math.scalb((double) multiplier, shift - 31);
  }
}
