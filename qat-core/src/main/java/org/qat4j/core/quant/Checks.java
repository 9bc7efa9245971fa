package org.qat4j.core.quant;

/** Argument checks shared by the package, so every message has the same shape. */
final class Checks {

  private Checks() {
  }

  /** Throws if {@code value} is NaN, naming the element so the caller can find it. */
  static void requireNotNaN(float value, String array, int index) {
    if (value != value) {
      throw new IllegalArgumentException(array + "[" + index + "] is NaN; quantization needs "
          + "numbers (infinities saturate, NaN has no grid point): find where the NaN comes "
          + "from upstream, often a diverging training step");
    }
  }

  /** Throws unless the two arrays have the same length. */
  static void requireSameLength(float[] a, String aName, float[] b, String bName) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(aName + " has " + a.length + " elements but " + bName
          + " has " + b.length + "; pass arrays of the same shape");
    }
  }

  /** Throws unless {@code quantMin < quantMax}. */
  static void requireGrid(int quantMin, int quantMax) {
    if (quantMin >= quantMax) {
      throw new IllegalArgumentException("quantMin " + quantMin + " must be below quantMax "
          + quantMax + "; e.g. [-128, 127] for int8 or [0, 255] for uint8");
    }
  }
}
