package org.qat4j.core.kernels.fast;

/**
 * One implementation of the int8 GEMM inner loops, without threading or zero points (those are
 * {@link Int8Gemm}'s), and of the requantization that follows them.
 *
 * <p>Both methods accumulate: {@code C[i][j] += sum_k A[i][k] * B[j][k]} in int32 (wrapping
 * modulo 2^32), for rows {@code i} in {@code [rowStart, rowEnd)} of A and C and columns
 * {@code j} in {@code [colStart, colEnd)} of C (rows of B). {@code A[i][k]} is
 * {@code a[aOffset + i * aRowStride + k]}, {@code C[i][j]} is {@code c[cOffset + i * cRowStride + j]}.
 * Callers have validated every index. Implementations are stateless and thread-safe.
 */
interface GemmKernel {

  /** Which variant this is. */
  Int8GemmVariant variant();

  /** Columns of C per packed weight panel; thread splits of N fall on multiples of it. */
  int panelWidth();

  /** Matrix-matrix product over a block of rows and columns. */
  void gemm(byte[] a, int aOffset, int aRowStride, int rowStart, int rowEnd, Int8Weights b,
      int colStart, int colEnd, int[] c, int cOffset, int cRowStride);

  /** Matrix-vector product: one row of A at {@code aOffset}, columns {@code [colStart, colEnd)}. */
  void gemv(byte[] a, int aOffset, Int8Weights b, int colStart, int colEnd, int[] c, int cOffset);

  /**
   * The output stage after the product: writes exactly what {@link Requantizer#applyRows} writes
   * for the same arguments, which is what this default does.
   */
  default void requantize(Requantizer stage, int[] accumulators, int accOffset, int rows, byte[] output,
      int outOffset) {
    stage.applyRows(accumulators, accOffset, rows, output, outOffset);
  }
}
