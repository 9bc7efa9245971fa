package org.qat4j.bench;

import java.util.SplittableRandom;

/**
 * A product shape {@code M x K x N} parsed from a JMH parameter, and the int8 operands every
 * benchmark of that shape uses (same seed, same values).
 *
 * @param rows M, rows of A and C (the batch, or output pixels after im2col)
 * @param depth K, the dot-product length
 * @param outputs N, rows of B and columns of C
 */
public record GemmShape(int rows, int depth, int outputs) {

  /** The activation zero point used by every benchmark; any value costs the same. */
  public static final int ZERO_POINT = -3;

  /** Validates that every dimension is positive. */
  public GemmShape {
    if (rows < 1 || depth < 1 || outputs < 1) {
      throw new IllegalArgumentException("shape " + rows + "x" + depth + "x" + outputs
          + " has a dimension below 1; give MxKxN with M, K, N >= 1");
    }
  }

  /**
   * Parses {@code "MxKxN"}, e.g. {@code "256x1024x1024"}.
   *
   * @throws IllegalArgumentException if the text is not three positive integers joined by x
   */
  public static GemmShape parse(String text) {
    String[] parts = text.trim().split("x");
    if (parts.length != 3) {
      throw new IllegalArgumentException("shape '" + text + "' is not MxKxN; write e.g. 256x1024x1024");
    }
    try {
      return new GemmShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("shape '" + text + "' is not MxKxN with integers; write e.g. 256x1024x1024", e);
    }
  }

  /** Integer operations of one product: a multiply and an add per term, {@code 2 * M * K * N}. */
  public double operations() {
    return 2.0 * rows * depth * outputs;
  }

  /** A, {@code M x K} int8 row-major activations. */
  public byte[] activations() {
    return random(0xA11CEL, rows * depth, -128);
  }

  /** B, {@code N x K} int8 row-major weights in TFLite's range [-127, 127]. */
  public byte[] weights() {
    return random(0xB0BL, outputs * depth, -127);
  }

  private static byte[] random(long seed, int n, int min) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      v[i] = (byte) rnd.nextInt(min, 128);
    }
    return v;
  }
}
