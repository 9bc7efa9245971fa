package org.qat4j.core.kernels.fast;

import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.kernels.OutputStage;

/**
 * The fast twin of {@link OutputStage#applyRows}: the same bias, requantization, zero point and
 * clamp per output channel, byte-identical for every int32 accumulator, with the per-channel
 * constants of {@link FixedPoint#multiplyByQuantizedMultiplier(int, int, int)} worked out once
 * instead of on every value.
 *
 * <p>The arithmetic, per value of channel {@code c} (all int32 except the product):
 *
 * <pre>
 *   x    = (acc + bias[c]) &lt;&lt; leftShift[c]                     wraps, as the reference does
 *   high = (int) (((long) x * multiplier[c] + 2^30) &gt;&gt; 31)        doubling high mul, ties up
 *   q    = (high &gt;&gt; rightShift[c]) + (rem &gt; half[c] + sign ? 1 : 0)  divide by 2^r, ties away
 *   out  = clamp(q + outputOffset, activationMin, activationMax)
 * </pre>
 *
 * where {@code rem = high & (2^r - 1)}, {@code half = (2^r - 1) >> 1} and {@code sign} is 1 for a
 * negative {@code high}. Two steps of the reference disappear: its saturation case ({@code
 * a == b == Integer.MIN_VALUE}) cannot occur because multipliers are non-negative, and the
 * argument checks were done when the {@link OutputStage} was built. The comparison {@code rem >
 * half + sign} is the sign bit of {@code half + sign - rem}, which cannot overflow because both
 * sides lie in [0, 2^31). Immutable and thread-safe.
 */
final class Requantizer {

  private final int[] bias;
  /** The Q0.31 multipliers, held as longs: the product is 64-bit in every kernel. */
  private final long[] wideMultipliers;
  private final int[] leftShifts;
  private final int[] rightShifts;
  private final int[] remainderMasks;
  private final int[] halves;
  private final int outputOffset;
  private final int activationMin;
  private final int activationMax;

  private Requantizer(OutputStage stage) {
    int channels = stage.channels();
    this.bias = stage.bias().clone();
    this.wideMultipliers = new long[channels];
    this.leftShifts = new int[channels];
    this.rightShifts = new int[channels];
    this.remainderMasks = new int[channels];
    this.halves = new int[channels];
    for (int c = 0; c < channels; c++) {
      wideMultipliers[c] = stage.multipliers()[c];
      int shift = stage.shifts()[c];
      leftShifts[c] = Math.max(shift, 0);
      rightShifts[c] = Math.max(-shift, 0);
      remainderMasks[c] = (int) ((1L << rightShifts[c]) - 1);
      halves[c] = remainderMasks[c] >> 1;
    }
    this.outputOffset = stage.outputOffset();
    this.activationMin = stage.activationMin();
    this.activationMax = stage.activationMax();
  }

  /** The constants of {@code stage}, which was validated when it was built. */
  static Requantizer of(OutputStage stage) {
    return new Requantizer(stage);
  }

  /** Number of output channels. */
  int channels() {
    return bias.length;
  }

  // The constants, for VectorRequantizer; arrays are shared, never written.

  int[] bias() {
    return bias;
  }

  long[] wideMultipliers() {
    return wideMultipliers;
  }

  int[] leftShifts() {
    return leftShifts;
  }

  int[] rightShifts() {
    return rightShifts;
  }

  int[] remainderMasks() {
    return remainderMasks;
  }

  int[] halves() {
    return halves;
  }

  int outputOffset() {
    return outputOffset;
  }

  int activationMin() {
    return activationMin;
  }

  int activationMax() {
    return activationMax;
  }

  /** One value of channel {@code c}: the formula in the class comment. */
  int apply(int accumulator, int c) {
    int x = (accumulator + bias[c]) << leftShifts[c];
    int high = (int) ((x * wideMultipliers[c] + (1L << 30)) >> 31);
    int threshold = halves[c] + (high >>> 31);
    int remainder = high & remainderMasks[c];
    int q = (high >> rightShifts[c]) + ((threshold - remainder) >>> 31) + outputOffset;
    return Math.min(Math.max(q, activationMin), activationMax);
  }

  /**
   * Requantizes {@code rows} rows of {@link #channels()} accumulators, {@code accumulators[accOffset
   * + r * channels + c]}, into {@code output[outOffset + r * channels + c]}: exactly what {@link
   * OutputStage#applyRows} writes.
   */
  void applyRows(int[] accumulators, int accOffset, int rows, byte[] output, int outOffset) {
    final int channels = bias.length;
    for (int r = 0; r < rows; r++) {
      int a = accOffset + r * channels;
      int o = outOffset + r * channels;
      for (int c = 0; c < channels; c++) {
        output[o + c] = (byte) apply(accumulators[a + c], c);
      }
    }
  }
}
