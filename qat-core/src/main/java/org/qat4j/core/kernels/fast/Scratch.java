package org.qat4j.core.kernels.fast;

/**
 * Per-thread working arrays of the fast kernels: the im2col matrix and the int32 accumulators.
 * They grow to the largest chunk seen and are then reused, so a steady run allocates nothing.
 * Each kernel instance keeps one per calling thread ({@link ThreadLocal}), which is what makes the
 * kernels safe to call from several threads at once.
 */
final class Scratch {

  /**
   * Rows of A (and C) processed per GEMM call are limited so that a chunk's im2col matrix stays
   * near this many bytes (and its accumulators near four times as many): large enough for the
   * GEMM to run at full speed, small enough to stay in cache-friendly territory and to bound the
   * memory a huge batch would need.
   */
  static final int CHUNK_BYTES = 1 << 20;

  private byte[] bytes = new byte[0];
  private int[] ints = new int[0];

  /** Rows per chunk for rows of {@code rowBytes} bytes and {@code rowInts} ints, at least 1. */
  static int rowsPerChunk(int totalRows, int rowBytes, int rowInts) {
    int widest = Math.max(1, Math.max(rowBytes, rowInts));
    return Math.max(1, Math.min(totalRows, CHUNK_BYTES / widest));
  }

  /** A byte array of at least {@code n} elements, with unspecified contents. */
  byte[] bytes(int n) {
    if (bytes.length < n) {
      bytes = new byte[n];
    }
    return bytes;
  }

  /** An int array of at least {@code n} elements, with unspecified contents. */
  int[] ints(int n) {
    if (ints.length < n) {
      ints = new int[n];
    }
    return ints;
  }

  /**
   * One {@link Scratch} per calling thread. A subclass rather than {@code
   * ThreadLocal.withInitial(Scratch::new)}: a method reference is linked through invokedynamic on
   * first use, milliseconds on the way to a cold JVM's first inference.
   */
  static final class PerThread extends ThreadLocal<Scratch> {
    @Override
    protected Scratch initialValue() {
      return new Scratch();
    }
  }
}
