package org.qat4j.core.kernels;

/**
 * The two roundings TFLite's int8 kernels perform outside the fixed-point requantization (which
 * lives in {@link org.qat4j.core.fixedpoint.FixedPoint}). Both round to nearest with ties away
 * from zero, as C's {@code std::round} does; Java's {@code Math.round} (ties up) and {@code
 * Math.rint} (ties to even) differ on negative or even ties and are not used.
 */
public final class KernelRounding {

  private KernelRounding() {}

  /**
   * {@code round(sum / count)} with ties away from zero, as TFLite's int8 average pool computes it:
   * {@code sum > 0 ? (sum + count/2) / count : (sum - count/2) / count} with truncating division.
   * For an even count and {@code sum = (k + 1/2) * count} the result moves away from zero; an odd
   * count has no ties.
   *
   * @param sum the sum of the pooled int8 values; its magnitude plus {@code count / 2} must fit in
   *     an int (the pool validation bounds the window to 2^20 elements)
   * @param count the number of values summed, positive
   */
  public static int divideRoundingHalfAwayFromZero(int sum, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("count " + count + " must be positive; a pooling window must overlap the image");
    }
    int half = count / 2; // truncating division: floor(count / 2)
    return sum > 0 ? (sum + half) / count : (sum - half) / count; // Java '/' truncates toward zero, like C++
  }

  /**
   * {@code std::round} on a float: the nearest integer, ties away from zero, in float arithmetic
   * ({@code TfLiteRound}). NaN stays NaN and infinities stay infinite.
   */
  public static float roundHalfAwayFromZero(float value) {
    float magnitude = Math.abs(value);
    // floor is exact in float; magnitude - floor is exact (Sterbenz) and compares exactly with 0.5.
    float floor = (float) Math.floor(magnitude);
    float rounded = magnitude - floor >= 0.5f ? floor + 1f : floor;
    return Math.copySign(rounded, value);
  }
}
