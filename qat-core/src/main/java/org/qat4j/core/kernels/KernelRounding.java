package org.qat4j.core.kernels;

/**
 * The integer division TFLite's int8 average pool rounds, beside the fixed-point requantization
 * (which lives in {@link org.qat4j.core.fixedpoint.FixedPoint}); rounding of real numbers is
 * {@link org.qat4j.core.quant.Rounding}'s alone.
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
}
