package org.qat4j.core.kernels;

import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;

/**
 * The per-channel requantization that ends a multiply-accumulate kernel: {@code out =
 * clamp(MBQM(acc + bias[c], multiplier[c], shift[c]) + outputOffset, activationMin,
 * activationMax)}, where MBQM is {@link
 * org.qat4j.core.fixedpoint.FixedPoint#multiplyByQuantizedMultiplier(int, int, int)}.
 *
 * <p>The arrays are held, not copied: parameters are built once per op by the interpreter and the
 * kernels read them on the hot path. Callers must not modify them afterwards.
 *
 * @param outputOffset the output zero point, in [-128, 127]
 * @param bias int32 bias per output channel, at scale {@code s_in * s_w[c]}
 * @param multipliers Q0.31 multiplier per channel, non-negative
 * @param shifts shift per channel, in [{@link QuantizedMultiplier#MIN_SHIFT}, {@link
 *     QuantizedMultiplier#MAX_SHIFT}]
 * @param activationMin lower clamp (fused activation), in [-128, 127]
 * @param activationMax upper clamp, in [activationMin, 127]
 */
public record OutputStage(int outputOffset, int[] bias, int[] multipliers, int[] shifts,
    int activationMin, int activationMax) {

  /** Validates lengths and ranges. */
  public OutputStage {
    if (bias.length == 0 || multipliers.length != bias.length || shifts.length != bias.length) {
      throw new IllegalArgumentException("bias (" + bias.length + "), multipliers (" + multipliers.length
          + ") and shifts (" + shifts.length + ") must have one entry per output channel, at least one");
    }
    for (int c = 0; c < bias.length; c++) {
      new QuantizedMultiplier(multipliers[c], shifts[c]); // validates the ranges with its own messages
    }
    if (outputOffset < -128 || outputOffset > 127) {
      throw new IllegalArgumentException("output zero point " + outputOffset + " is outside the int8 range [-128, 127]");
    }
    if (activationMin < -128 || activationMax > 127 || activationMin > activationMax) {
      throw new IllegalArgumentException("activation clamp [" + activationMin + ", " + activationMax
          + "] must satisfy -128 <= min <= max <= 127");
    }
  }

  /** Number of output channels. */
  public int channels() {
    return bias.length;
  }

  /**
   * The output value of channel {@code channel} for an int32 accumulator: adds the bias in int32
   * (wrapping, as TFLite's int32 accumulator does), requantizes with {@link
   * FixedPoint#multiplyByQuantizedMultiplier(int, int, int)} (its rounding is the only rounding
   * here), adds the output zero point and clamps to the activation range.
   *
   * @return a value in [activationMin, activationMax]
   */
  public int apply(int accumulator, int channel) {
    int acc = accumulator + bias[channel];
    acc = FixedPoint.multiplyByQuantizedMultiplier(acc, multipliers[channel], shifts[channel]);
    acc += outputOffset;
    acc = Math.max(acc, activationMin);
    return Math.min(acc, activationMax);
  }

  /**
   * Applies {@link #apply(int, int)} to {@code rows} rows of {@link #channels()} accumulators,
   * {@code accumulators[accOffset + r * channels() + c]}, writing {@code output[outOffset + r *
   * channels() + c]}.
   */
  public void applyRows(int[] accumulators, int accOffset, int rows, byte[] output, int outOffset) {
    int channels = bias.length;
    for (int r = 0, a = accOffset, o = outOffset; r < rows; r++) {
      for (int c = 0; c < channels; c++, a++, o++) {
        output[o] = (byte) apply(accumulators[a], c);
      }
    }
  }
}
