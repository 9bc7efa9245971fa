package org.qat4j.core.graph;

import java.util.Arrays;
import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;

/**
 * One fixed-point requantization multiplier per output channel, {@code M[c] = s_in * s_w[c] /
 * s_out}, derived offline with {@link FixedPoint#quantizeMultiplier(double)}.
 *
 * <p>The real multiplier is computed as TFLite computes it, because the last bit of {@code M}
 * can change the fixed-point pair: per-channel weights (convolution, and fully-connected with
 * per-channel scales; TFLite's {@code PopulateConvolutionQuantizationParams}) use {@code
 * (double) s_in * (double) s_w[c] / (double) s_out}; per-tensor fully-connected weights (TFLite's
 * {@code GetQuantizedConvolutionMultipler}) use {@code (double) (s_in * s_w) / (double) s_out}
 * with the product rounded to float first. Immutable.
 */
public final class ChannelMultipliers {

  private final int[] multipliers;
  private final int[] shifts;

  private ChannelMultipliers(int[] multipliers, int[] shifts) {
    if (multipliers.length == 0 || multipliers.length != shifts.length) {
      throw new IllegalArgumentException(multipliers.length + " multipliers and " + shifts.length
          + " shifts: need one pair per output channel, at least one");
    }
    for (int c = 0; c < multipliers.length; c++) {
      new QuantizedMultiplier(multipliers[c], shifts[c]); // validates ranges, with its own message
    }
    this.multipliers = multipliers;
    this.shifts = shifts;
  }

  /** Stored pairs, as read from a model file; arrays are copied and ranges validated. */
  public static ChannelMultipliers of(int[] multipliers, int[] shifts) {
    return new ChannelMultipliers(multipliers.clone(), shifts.clone());
  }

  /** {@code M[c] = (double) inputScale * (double) weightScales[c] / (double) outputScale}. */
  public static ChannelMultipliers perChannel(float inputScale, float[] weightScales, float outputScale) {
    int[] m = new int[weightScales.length];
    int[] s = new int[weightScales.length];
    for (int c = 0; c < weightScales.length; c++) {
      QuantizedMultiplier q = FixedPoint.quantizeMultiplier((double) inputScale * (double) weightScales[c]
          / (double) outputScale);
      m[c] = q.multiplier();
      s[c] = q.shift();
    }
    return new ChannelMultipliers(m, s);
  }

  /**
   * {@code M = (double) (inputScale * weightScale) / (double) outputScale}, the float product first
   * as TFLite's per-tensor path does, repeated for {@code channels} channels.
   */
  public static ChannelMultipliers perTensor(float inputScale, float weightScale, float outputScale, int channels) {
    float product = inputScale * weightScale; // float32 product, rounded to nearest even
    QuantizedMultiplier q = FixedPoint.quantizeMultiplier((double) product / (double) outputScale);
    int[] m = new int[channels];
    int[] s = new int[channels];
    Arrays.fill(m, q.multiplier());
    Arrays.fill(s, q.shift());
    return new ChannelMultipliers(m, s);
  }

  /** The multipliers TFLite derives for these weights between these activation scales. */
  public static ChannelMultipliers derive(float inputScale, QuantizedWeights weights, float outputScale) {
    return weights.granularity() == QuantizedWeights.Granularity.PER_CHANNEL
        ? perChannel(inputScale, channelScales(weights), outputScale)
        : perTensor(inputScale, weights.scale(0), outputScale, weights.channels());
  }

  private static float[] channelScales(QuantizedWeights weights) {
    float[] scales = new float[weights.channels()];
    for (int c = 0; c < scales.length; c++) {
      scales[c] = weights.scale(c);
    }
    return scales;
  }

  /** Number of channels. */
  public int channels() {
    return multipliers.length;
  }

  /** The pair of channel {@code c}. */
  public QuantizedMultiplier get(int c) {
    return new QuantizedMultiplier(multipliers[c], shifts[c]);
  }

  /** A copy of the Q0.31 multipliers. */
  public int[] multipliers() {
    return multipliers.clone();
  }

  /** A copy of the shifts. */
  public int[] shifts() {
    return shifts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelMultipliers m && Arrays.equals(multipliers, m.multipliers)
        && Arrays.equals(shifts, m.shifts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(multipliers) + Arrays.hashCode(shifts);
  }

  @Override
  public String toString() {
    return "ChannelMultipliers[" + multipliers.length + " channels, first " + get(0) + "]";
  }
}
