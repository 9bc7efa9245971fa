package org.qat4j.core.quant;

/**
 * TensorFlow's range nudging: moves {@code [min, max]} so that real 0.0 is exactly a grid point
 * (docs/quantization.md eq. 4 to 7).
 *
 * <p>Bit-exact with {@code Nudge} in TensorFlow's {@code fake_quant_ops_functor.h}: every step
 * is float arithmetic in TensorFlow's order, the zero point is rounded half away from zero
 * ({@link Rounding#HALF_AWAY_FROM_ZERO}), and a zero point off the grid is clamped to it. The
 * scale is kept and the range slides: the nudged range is as wide as the original one.
 *
 * <p>A range that does not contain zero is handled as TensorFlow handles it, not rejected:
 * with {@code 0 < min} the zero point clamps to {@code quantMin} and the range becomes {@code
 * [0, max - min]}; with {@code max < 0} it clamps to {@code quantMax} and the range becomes
 * {@code [min - max, 0]} (both up to float rounding).
 *
 * <p>What TensorFlow computes but qat4j rejects, because the result is NaN, infinite or
 * meaningless: NaN or infinite bounds, {@code min > max}, {@code min == max} (zero scale;
 * {@link FakeQuant} treats {@code min == max == 0} separately, as TensorFlow does), a range so
 * wide that {@code max - min} or the nudged bounds overflow float, and a range so narrow that
 * the scale is not a normal float (below {@link Float#MIN_NORMAL}, where the inverse scale
 * overflows and the grid loses precision).
 */
public final class Nudge {

  /** Largest grid value: TensorFlow stores the nudged zero point as a uint16. */
  public static final int MAX_GRID_VALUE = 65535;

  private Nudge() {
  }

  /**
   * TensorFlow's fake-quantization grid minimum: 1 with narrow range, else 0.
   *
   * @param narrowRange TensorFlow's {@code narrow_range} attribute
   * @return {@code narrowRange ? 1 : 0}
   */
  public static int quantMin(boolean narrowRange) {
    return narrowRange ? 1 : 0;
  }

  /**
   * TensorFlow's fake-quantization grid maximum, {@code 2^numBits - 1}.
   *
   * @param numBits 2 to 16
   * @return {@code 2^numBits - 1}
   * @throws IllegalArgumentException if {@code numBits} is outside 2..16
   */
  public static int quantMax(int numBits) {
    if (numBits < QuantScheme.MIN_BITS || numBits > QuantScheme.MAX_BITS) {
      throw new IllegalArgumentException("numBits " + numBits + " is outside "
          + QuantScheme.MIN_BITS + ".." + QuantScheme.MAX_BITS
          + " (TensorFlow's limits for fake quantization); use 8 for int8");
    }
    return (1 << numBits) - 1;
  }

  /**
   * Nudges {@code [min, max]} onto the grid {@code [quantMin, quantMax]}.
   *
   * @param min lower end of the range; finite
   * @param max upper end of the range; finite and {@code > min}
   * @param quantMin lower end of the grid, {@code >= 0}
   * @param quantMax upper end of the grid, {@code > quantMin} and {@code <= 65535}
   * @return the nudged range, its scale, inverse scale and zero point
   * @throws IllegalArgumentException for the inputs listed in the class Javadoc
   */
  public static NudgedRange nudge(float min, float max, int quantMin, int quantMax) {
    return nudge(min, max, quantMin, quantMax, "range");
  }

  /** As {@link #nudge(float, float, int, int)}; {@code what} names the range in messages. */
  static NudgedRange nudge(float min, float max, int quantMin, int quantMax, String what) {
    checkGrid(quantMin, quantMax);
    checkBounds(min, max, what);
    final float quantMinFloat = quantMin;
    final float quantMaxFloat = quantMax;
    final float width = max - min;
    if (width == Float.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(what + " [" + min + ", " + max + "] is too wide: max - "
          + "min overflows float; keep |min| and |max| below " + Float.MAX_VALUE / 2);
    }
    // eq. 4, and TensorFlow's separately computed inverse (eq. 9).
    final float scale = width / (quantMaxFloat - quantMinFloat);
    final float inverseScale = (quantMaxFloat - quantMinFloat) / width;
    if (scale < Float.MIN_NORMAL) {
      throw new IllegalArgumentException(what + " [" + min + ", " + max + "] is too narrow: its "
          + "scale " + scale + " is below Float.MIN_NORMAL " + Float.MIN_NORMAL + " for the grid ["
          + quantMin + ", " + quantMax + "]; widen the range (e.g. max - min >= 1e-30)");
    }
    // eq. 5 and 6.
    final float zeroPointFromMin = quantMinFloat - min / scale;
    final int zeroPoint;
    if (zeroPointFromMin < quantMinFloat) {
      zeroPoint = quantMin;
    } else if (zeroPointFromMin > quantMaxFloat) {
      zeroPoint = quantMax;
    } else {
      zeroPoint = (int) Rounding.HALF_AWAY_FROM_ZERO.round(zeroPointFromMin);
    }
    // eq. 7: int minus float promotes the int to float, as in C++.
    final float nudgedMin = (quantMinFloat - zeroPoint) * scale;
    final float nudgedMax = (quantMaxFloat - zeroPoint) * scale;
    if (!Float.isFinite(nudgedMin) || !Float.isFinite(nudgedMax)
        || !Float.isFinite(nudgedMax - nudgedMin)) {
      throw new IllegalArgumentException(what + " [" + min + ", " + max + "] is too wide: the "
          + "nudged range [" + nudgedMin + ", " + nudgedMax + "] overflows float; keep |min| "
          + "and |max| below " + Float.MAX_VALUE / 4);
    }
    return new NudgedRange(nudgedMin, nudgedMax, scale, inverseScale, zeroPoint, quantMin,
        quantMax);
  }

  private static void checkGrid(int quantMin, int quantMax) {
    if (quantMin < 0 || quantMax > MAX_GRID_VALUE || quantMin >= quantMax) {
      throw new IllegalArgumentException("grid [" + quantMin + ", " + quantMax + "] is invalid: "
          + "need 0 <= quantMin < quantMax <= " + MAX_GRID_VALUE + " (TensorFlow's unsigned "
          + "grid); for signed storage nudge on the unsigned grid and use "
          + "NudgedRange.storageParams");
    }
  }

  private static void checkBounds(float min, float max, String what) {
    if (!Float.isFinite(min) || !Float.isFinite(max)) {
      throw new IllegalArgumentException(what + " [" + min + ", " + max + "] is not finite; "
          + "min and max must be finite floats (a NaN range usually means the training "
          + "diverged: lower the learning rate or check the range initialisation)");
    }
    if (min > max) {
      throw new IllegalArgumentException(what + " [" + min + ", " + max + "] has min > max; "
          + "swap the bounds or clamp the learned range so that min <= max");
    }
    if (min == max) {
      throw new IllegalArgumentException(what + " [" + min + ", " + max + "] is empty: min == max "
          + "gives a zero scale; widen the range (FakeQuant accepts min == max == 0 and "
          + "returns zeros, as TensorFlow does)");
    }
  }
}
