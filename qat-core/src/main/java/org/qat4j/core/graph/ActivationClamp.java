package org.qat4j.core.graph;

/**
 * The integer output range of an op: TFLite's {@code quantized_activation_min/max}. A fused
 * activation (ReLU, ReLU6) is nothing but a tighter clamp on the requantized output; see {@link
 * FusedActivation#clampFor(Quantization)} for how the bounds are computed offline.
 *
 * @param min lower bound, in [-128, 127]
 * @param max upper bound, in [min, 127]
 */
public record ActivationClamp(int min, int max) {

  /** Validates {@code -128 <= min <= max <= 127}. */
  public ActivationClamp {
    if (min < -128 || max > 127 || min > max) {
      throw new IllegalArgumentException("activation clamp [" + min + ", " + max
          + "] must satisfy -128 <= min <= max <= 127");
    }
  }

  /** The whole grid of {@code q}: {@code [qmin, qmax]}, no activation. */
  public static ActivationClamp full(Quantization q) {
    return new ActivationClamp(q.qmin(), q.qmax());
  }

  /** True if this range lies within the grid of {@code q}. */
  public boolean within(Quantization q) {
    return min >= q.qmin() && max <= q.qmax();
  }

  /** Number of integers in the range, {@code max - min + 1}. */
  public int levels() {
    return max - min + 1;
  }
}
