package org.qat4j.core.kernels;

/**
 * Parameters of an int8 pooling op. Input and output share one scale and zero point (TFLite's
 * requirement), so pooling needs no requantization; only the fused-activation clamp applies.
 *
 * @param input per-example input shape
 * @param output per-example output shape, same depth as the input
 * @param window pooling window (dilation 1), stride and top/left padding
 * @param activationMin lower clamp, in [-128, 127]
 * @param activationMax upper clamp, in [activationMin, 127]
 */
public record PoolParams(FeatureMap input, FeatureMap output, Window window, int activationMin, int activationMax) {

  /** Validates depth and clamp. */
  public PoolParams {
    if (input.depth() != output.depth()) {
      throw new IllegalArgumentException("pooling keeps the depth: input " + input.depth() + ", output " + output.depth());
    }
    if (window.dilationHeight() != 1 || window.dilationWidth() != 1) {
      throw new IllegalArgumentException("pooling windows are dense; dilation " + window.dilationHeight() + "x"
          + window.dilationWidth() + " must be 1x1");
    }
    if (activationMin < -128 || activationMax > 127 || activationMin > activationMax) {
      throw new IllegalArgumentException("activation clamp [" + activationMin + ", " + activationMax
          + "] must satisfy -128 <= min <= max <= 127");
    }
  }
}
