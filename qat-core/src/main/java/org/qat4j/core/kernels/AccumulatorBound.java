package org.qat4j.core.kernels;

/**
 * The int32 accumulator bound every multiply-accumulate kernel relies on.
 *
 * <p>A product {@code w * (x - zero_point_in)} has {@code |w| <= 127} (narrow-range weights) and
 * {@code |x - zero_point_in| <= 255} (both int8), so it is at most {@code 127 * 255 = 32,385} in
 * magnitude. For one output channel with weights {@code w[k]} and bias {@code b}, every partial sum,
 * in any order, is at most {@code |b| + 255 * sum_k |w[k]|}. The kernels require
 *
 * <pre>  |b| + 255 * sum_k |w[k]|  &lt;=  2^31 - 1                                  (A1)</pre>
 *
 * <p>so int32 accumulation is exact whatever the summation order (a fast twin may reorder). With
 * full-range weights and no bias this allows an accumulation depth {@code K} up to {@link
 * #MAX_DEPTH} = floor((2^31 - 1) / 32,385) = 66,311; the depth is also capped there outright so
 * that fast kernels may rely on it. TFLite states the same bound (2^16 products) in a comment but
 * does not check it; qat4j checks (A1) for every channel when a graph is built or loaded.
 */
public final class AccumulatorBound {

  /** Largest magnitude of one product: {@code 127 * 255}. */
  public static final int MAX_PRODUCT = 127 * 255;

  /** Largest accumulation depth (products per output): {@code (2^31 - 1) / (127 * 255)}. */
  public static final int MAX_DEPTH = Integer.MAX_VALUE / MAX_PRODUCT;

  private AccumulatorBound() {}

  /**
   * The worst-case magnitude of any partial sum of one output channel: {@code |bias| + 255 *
   * sum |w|}, in long arithmetic.
   *
   * @param weights the channel's weights, {@code depth} values from {@code offset}
   * @param offset index of the channel's first weight
   * @param depth the accumulation depth of the channel
   * @param bias the channel's int32 bias
   */
  public static long worstCase(byte[] weights, int offset, int depth, int bias) {
    long sumAbs = 0;
    for (int k = 0; k < depth; k++) {
      sumAbs += Math.abs(weights[offset + k]);
    }
    return Math.abs((long) bias) + 255L * sumAbs;
  }

  /**
   * Checks (A1) for every output channel of a {@code [channels][depth]} weight matrix (a conv
   * filter {@code [outC][kH][kW][inC]} is that with {@code depth = kH * kW * inC}).
   *
   * @return {@code null} if the bound holds, else a message naming the first channel that breaks
   *     it, the value found, the limit and the fix
   */
  public static String check(byte[] weights, int channels, int depth, int[] bias) {
    if (depth > MAX_DEPTH) {
      return "accumulation depth " + depth + " exceeds " + MAX_DEPTH
          + " (= (2^31 - 1) / (127 * 255)), beyond which an int32 accumulator can overflow; split the layer";
    }
    for (int c = 0; c < channels; c++) {
      long worst = worstCase(weights, c * depth, depth, bias[c]);
      if (worst > Integer.MAX_VALUE) {
        return "channel " + c + ": |bias| + 255 * sum|w| = " + worst + " exceeds 2^31 - 1, so the int32"
            + " accumulator could overflow; the bias " + bias[c] + " is implausibly large for its scale s_in * s_w";
      }
    }
    return null;
  }
}
