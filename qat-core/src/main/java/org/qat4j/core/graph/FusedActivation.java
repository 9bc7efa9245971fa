package org.qat4j.core.graph;

import org.qat4j.core.kernels.EdgeQuantizer;

/**
 * Activations an op can fuse as an output clamp, computed as TFLite's {@code
 * CalculateActivationRangeQuantized}: {@code quantize(r) = zero_point + round_half_away_from_zero(r
 * / scale)} in float32, then intersected with the tensor's grid {@code [qmin, qmax]}.
 */
public enum FusedActivation {
  /** No activation: the full grid. */
  NONE,
  /** {@code max(0, x)}: lower bound {@code max(qmin, zero_point)}. */
  RELU,
  /** {@code min(max(0, x), 6)}: lower bound as ReLU, upper {@code min(qmax, quantize(6))}. */
  RELU6;

  /** The clamp for an output tensor quantized with {@code q}. */
  public ActivationClamp clampFor(Quantization q) {
    int qmin = q.qmin();
    int qmax = q.qmax();
    switch (this) {
      case NONE:
        return new ActivationClamp(qmin, qmax);
      case RELU:
        return new ActivationClamp(Math.max(qmin, quantize(0f, q)), qmax);
      case RELU6:
        // quantize(6) >= zero_point >= qmin, so the range is never empty.
        return new ActivationClamp(Math.max(qmin, quantize(0f, q)), (int) Math.min(qmax, quantizeWide(6f, q)));
      default:
        throw new AssertionError(this);
    }
  }

  private static int quantize(float real, Quantization q) {
    return (int) quantizeWide(real, q); // only used for 0, which gives the zero point exactly
  }

  private static double quantizeWide(float real, Quantization q) {
    return EdgeQuantizer.quantizeUnclamped(real, q.scale(), q.zeroPoint());
  }
}
