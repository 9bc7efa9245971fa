package org.qat4j.core.kernels.fast;

import java.util.SplittableRandom;

/** The definition of the product in long arithmetic, and random operands with planted extremes. */
final class GemmOracle {

  private GemmOracle() {}

  /**
   * {@code C[i][j] = sum_k (A[i][k] - zp) * B[j][k]} summed exactly in long, then narrowed to
   * int32 (two's complement, as an int32 accumulator wraps).
   */
  static int[] multiply(byte[] a, int aOffset, int aRowStride, int rows, int zeroPoint, byte[] b,
      int outputs, int depth) {
    int[] c = new int[rows * outputs];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < outputs; j++) {
        long sum = 0;
        for (int k = 0; k < depth; k++) {
          sum += (long) (a[aOffset + i * aRowStride + k] - zeroPoint) * b[j * depth + k];
        }
        c[i * outputs + j] = (int) sum;
      }
    }
    return c;
  }

  /** Dense form of {@link #multiply(byte[], int, int, int, int, byte[], int, int)}. */
  static int[] multiply(byte[] a, int rows, int zeroPoint, byte[] b, int outputs, int depth) {
    return multiply(a, 0, depth, rows, zeroPoint, b, outputs, depth);
  }

  /**
   * Random int8 values in which about one in eight is an extreme: -128 or 127 for activations,
   * -127 or 127 for weights (TFLite's range) and, with {@code weightsFullRange}, -128.
   */
  static byte[] randomInt8(SplittableRandom rnd, int n, boolean weights, boolean weightsFullRange) {
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      int roll = rnd.nextInt(16);
      if (roll == 0) {
        v[i] = weights && !weightsFullRange ? (byte) -127 : (byte) -128;
      } else if (roll == 1) {
        v[i] = 127;
      } else {
        v[i] = (byte) rnd.nextInt(weights && !weightsFullRange ? -127 : -128, 128);
      }
    }
    return v;
  }
}
