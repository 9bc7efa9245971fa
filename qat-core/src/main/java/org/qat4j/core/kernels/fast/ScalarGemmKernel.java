package org.qat4j.core.kernels.fast;

/**
 * The portable kernel: int8 values multiplied and summed in int32, two rows by two columns at a
 * time so each loaded value is used twice, over blocks of weight rows that stay in cache. Sums
 * wrap modulo 2^32 like every other variant.
 */
final class ScalarGemmKernel implements GemmKernel {

  static final ScalarGemmKernel INSTANCE = new ScalarGemmKernel();

  private ScalarGemmKernel() {}

  @Override
  public Int8GemmVariant variant() {
    return Int8GemmVariant.SCALAR;
  }

  @Override
  public int panelWidth() {
    return 2;
  }

  /** Weight rows per block: every row of A meets one block while it sits in L2 (64 KB at K = 1024). */
  private static final int COLUMN_BLOCK = 64;

  @Override
  public void gemm(byte[] a, int aOffset, int aRowStride, int rowStart, int rowEnd, Int8Weights b,
      int colStart, int colEnd, int[] c, int cOffset, int cRowStride) {
    for (int j0 = colStart; j0 < colEnd; j0 += COLUMN_BLOCK) {
      gemmBlock(a, aOffset, aRowStride, rowStart, rowEnd, b, j0, Math.min(colEnd, j0 + COLUMN_BLOCK),
          c, cOffset, cRowStride);
    }
  }

  private static void gemmBlock(byte[] a, int aOffset, int aRowStride, int rowStart, int rowEnd, Int8Weights b,
      int colStart, int colEnd, int[] c, int cOffset, int cRowStride) {
    byte[] w = b.values();
    int depth = b.depth();
    int i = rowStart;
    for (; i + 1 < rowEnd; i += 2) {
      int a0 = aOffset + i * aRowStride;
      int a1 = a0 + aRowStride;
      int c0 = cOffset + i * cRowStride;
      int c1 = c0 + cRowStride;
      int j = colStart;
      for (; j + 1 < colEnd; j += 2) {
        int b0 = j * depth;
        int b1 = b0 + depth;
        int s00 = 0;
        int s01 = 0;
        int s10 = 0;
        int s11 = 0;
        for (int k = 0; k < depth; k++) {
          int x0 = a[a0 + k];
          int x1 = a[a1 + k];
          int w0 = w[b0 + k];
          int w1 = w[b1 + k];
          s00 += x0 * w0;
          s01 += x0 * w1;
          s10 += x1 * w0;
          s11 += x1 * w1;
        }
        c[c0 + j] += s00;
        c[c0 + j + 1] += s01;
        c[c1 + j] += s10;
        c[c1 + j + 1] += s11;
      }
      if (j < colEnd) {
        c[c0 + j] += dot(a, a0, w, j * depth, depth);
        c[c1 + j] += dot(a, a1, w, j * depth, depth);
      }
    }
    if (i < rowEnd) {
      INSTANCE.gemv(a, aOffset + i * aRowStride, b, colStart, colEnd, c, cOffset + i * cRowStride);
    }
  }

  @Override
  public void gemv(byte[] a, int aOffset, Int8Weights b, int colStart, int colEnd, int[] c, int cOffset) {
    byte[] w = b.values();
    int depth = b.depth();
    for (int j = colStart; j < colEnd; j++) {
      c[cOffset + j] += dot(a, aOffset, w, j * depth, depth);
    }
  }

  private static int dot(byte[] a, int aStart, byte[] w, int wStart, int depth) {
    int s = 0;
    for (int k = 0; k < depth; k++) {
      s += a[aStart + k] * w[wStart + k];
    }
    return s;
  }
}
