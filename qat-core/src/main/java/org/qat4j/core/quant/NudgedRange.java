package org.qat4j.core.quant;

/**
 * A range moved so that real 0.0 falls exactly on the integer grid {@code [quantMin,
 * quantMax]}: the result of {@link Nudge#nudge(float, float, int, int)} (docs/quantization.md
 * eq. 4 to 7 and 9).
 *
 * <p>The grid is TensorFlow's unsigned one ({@code quantMin} is 0, or 1 with narrow range;
 * {@code quantMax = 2^bits - 1}), and {@link #zeroPoint()} lives on it. Grid point {@code q}
 * stands for {@code (q - zeroPoint) * scale}; {@link #min()} and {@link #max()} are the values
 * of {@code quantMin} and {@code quantMax}.
 *
 * @param min nudged minimum, {@code (quantMin - zeroPoint) * scale} in float; {@code <= 0}
 * @param max nudged maximum, {@code (quantMax - zeroPoint) * scale} in float; {@code >= 0}
 * @param scale {@code (max - min) / (quantMax - quantMin)} of the range before nudging, in
 *     float; nudging keeps it
 * @param inverseScale {@code (quantMax - quantMin) / (max - min)} of the range before nudging,
 *     computed separately rather than as {@code 1 / scale}, as TensorFlow does
 * @param zeroPoint the grid integer that stands for 0.0, in {@code [quantMin, quantMax]}
 * @param quantMin lower end of the grid
 * @param quantMax upper end of the grid
 */
public record NudgedRange(float min, float max, float scale, float inverseScale, int zeroPoint,
    int quantMin, int quantMax) {

  /**
   * Checks the invariants every nudged range satisfies.
   *
   * @param min as the record component
   * @param max as the record component
   * @param scale as the record component
   * @param inverseScale as the record component
   * @param zeroPoint as the record component
   * @param quantMin as the record component
   * @param quantMax as the record component
   * @throws IllegalArgumentException if the zero point is off the grid, the grid is empty, or a
   *     real-valued component is not finite
   */
  public NudgedRange {
    if (quantMin >= quantMax || zeroPoint < quantMin || zeroPoint > quantMax) {
      throw new IllegalArgumentException("zero point " + zeroPoint + " must lie on the grid ["
          + quantMin + ", " + quantMax + "] with quantMin < quantMax; build ranges with "
          + "Nudge.nudge");
    }
    if (!Float.isFinite(min) || !Float.isFinite(max) || !(scale > 0.0f)
        || !Float.isFinite(scale) || !(inverseScale > 0.0f) || !Float.isFinite(inverseScale)) {
      throw new IllegalArgumentException("nudged range [" + min + ", " + max + "] with scale "
          + scale + " and inverse scale " + inverseScale + " is not finite and positive; "
          + "build ranges with Nudge.nudge");
    }
  }

  /**
   * The storage parameters of this range for a scheme whose grid is this range's grid,
   * possibly moved to signed storage (docs/quantization.md eq. 8): the scale is kept and the
   * zero point becomes {@code zeroPoint + scheme.storageOffset()}, e.g. zero point 128 on
   * TensorFlow's {@code [0, 255]} grid becomes 0 in int8 {@code [-128, 127]}.
   *
   * @param scheme a per-tensor, asymmetric scheme with {@code scheme.unsignedQuantMin() ==
   *     quantMin()} and {@code scheme.unsignedQuantMax() == quantMax()}, or a symmetric one
   *     whose symmetric zero point the nudged zero point happens to equal
   * @return {@code (scale, zeroPoint + offset)}
   * @throws IllegalArgumentException if the scheme's grid is not this range's grid or the zero
   *     point does not fit it
   */
  public QuantParams storageParams(QuantScheme scheme) {
    if (scheme.unsignedQuantMin() != quantMin || scheme.unsignedQuantMax() != quantMax) {
      throw new IllegalArgumentException("scheme " + scheme + " stores the grid ["
          + scheme.unsignedQuantMin() + ", " + scheme.unsignedQuantMax()
          + "] when written unsigned, but this range was nudged on [" + quantMin + ", "
          + quantMax + "]; nudge with quantMin = scheme.unsignedQuantMin() and quantMax = "
          + "scheme.unsignedQuantMax()");
    }
    return QuantParams.of(scale, zeroPoint + scheme.storageOffset(), scheme);
  }
}
