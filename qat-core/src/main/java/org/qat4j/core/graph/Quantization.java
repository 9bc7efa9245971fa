package org.qat4j.core.graph;

/**
 * Per-tensor affine quantization of an activation: {@code real = scale * (q - zeroPoint)}.
 *
 * <p>A tensor of {@code bits} bits holds signed integers in {@code [-2^(bits-1), 2^(bits-1) - 1]}
 * inside an int8 container ([-128, 127] at 8 bits, TFLite's int8 activations; [-8, 7] at 4 bits).
 * An exporter maps a fake-quantizer's unsigned grid {@code [0, 2^bits - 1]} there by subtracting
 * {@code 2^(bits-1)} from the integers and the zero point. The zero point lies on the grid, so
 * real 0 is exactly representable.
 *
 * @param scale the step between grid points, finite and positive (float32, as TFLite stores it)
 * @param zeroPoint the integer that stands for real 0, in the range above
 * @param bits bit width, 2 to 8
 */
public record Quantization(float scale, int zeroPoint, int bits) {

  /** Validates the ranges above. */
  public Quantization {
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException("scale " + scale + " must be finite and > 0");
    }
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("activation bit width " + bits + " is outside [2, 8]");
    }
    int qmin = -(1 << (bits - 1));
    int qmax = (1 << (bits - 1)) - 1;
    if (zeroPoint < qmin || zeroPoint > qmax) {
      throw new IllegalArgumentException("zero point " + zeroPoint + " is outside [" + qmin + ", " + qmax
          + "], the signed " + bits + "-bit range; shift an unsigned grid down by " + (1 << (bits - 1)));
    }
  }

  /** 8-bit quantization: TFLite's int8 activations. */
  public static Quantization int8(float scale, int zeroPoint) {
    return new Quantization(scale, zeroPoint, 8);
  }

  /** Smallest integer of the grid: {@code -2^(bits-1)}. */
  public int qmin() {
    return -(1 << (bits - 1));
  }

  /** Largest integer of the grid: {@code 2^(bits-1) - 1}. */
  public int qmax() {
    return (1 << (bits - 1)) - 1;
  }

  /** The real value of grid point {@code q}, in double. */
  public double dequantize(int q) {
    return (double) scale * (q - zeroPoint);
  }

  // equals and hashCode are written out with the semantics of the generated ones (floats compared
  // with Float.compare): the generated ones are bootstrapped through invokedynamic on first use,
  // tens of milliseconds at JVM start-up, and every model load compares quantizations.

  /** Equal scale (as {@link Float#compare} sees it), zero point and bit width. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Quantization q && Float.compare(scale, q.scale) == 0 && zeroPoint == q.zeroPoint
        && bits == q.bits;
  }

  @Override
  public int hashCode() {
    return (31 * Float.hashCode(scale) + zeroPoint) * 31 + bits;
  }
}
