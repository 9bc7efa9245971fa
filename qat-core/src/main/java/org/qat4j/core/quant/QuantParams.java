package org.qat4j.core.quant;

/**
 * Per-tensor quantization parameters: {@code real = scale * (q - zeroPoint)}
 * (docs/quantization.md eq. 1).
 *
 * <p>The scale is a float because every reference (TFLite flatbuffers, ONNX, PyTorch's
 * quantized tensors on CPU) stores and uses it as one. The zero point is the storage integer
 * that represents real 0.0 exactly (eq. 3); whether it fits a given storage range is checked
 * against a {@link QuantScheme} with {@link #checkFits(QuantScheme)}, since the parameters
 * alone do not know their storage.
 *
 * @param scale the step between adjacent integers in real units; finite and {@code > 0}
 * @param zeroPoint the integer that stands for real 0.0
 */
public record QuantParams(float scale, int zeroPoint) {

  /**
   * Validates the scale.
   *
   * @param scale as the record component
   * @param zeroPoint as the record component
   * @throws IllegalArgumentException if {@code scale} is NaN, infinite, zero or negative
   */
  public QuantParams {
    checkScale(scale, "scale");
  }

  /**
   * Parameters checked against the scheme they are meant for.
   *
   * @param scale finite and {@code > 0}
   * @param zeroPoint within the scheme's storage range (and equal to its symmetric zero point
   *     if the scheme is symmetric)
   * @param scheme the storage scheme; must be per tensor
   * @return the parameters
   * @throws IllegalArgumentException if any check fails
   */
  public static QuantParams of(float scale, int zeroPoint, QuantScheme scheme) {
    QuantParams params = new QuantParams(scale, zeroPoint);
    params.checkFits(scheme);
    return params;
  }

  /**
   * Checks that these parameters can describe a tensor stored with {@code scheme}.
   *
   * @param scheme a per-tensor scheme
   * @throws IllegalArgumentException if the scheme is per channel, or the zero point does not
   *     fit it (see {@link QuantScheme#checkZeroPoint(int, String)})
   */
  public void checkFits(QuantScheme scheme) {
    if (scheme.perChannel()) {
      throw new IllegalArgumentException("per-tensor parameters " + this + " cannot describe "
          + "the per-channel scheme " + scheme + " (axis " + scheme.channelAxis()
          + "); use PerChannelQuantParams or a per-tensor scheme");
    }
    scheme.checkZeroPoint(zeroPoint, "per-tensor");
  }

  static void checkScale(float scale, String what) {
    if (!(scale > 0.0f) || scale == Float.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(what + " " + scale + " is not a finite number > 0; "
          + "a quantization scale must be positive and finite (derive it from a range with "
          + "max > min, e.g. via Nudge.nudge)");
    }
  }
}
