package org.qat4j.core.kernels;

/**
 * Argument checks shared by the kernels (reference and fast), so every kernel fails with the same
 * wording.
 */
public final class KernelChecks {

  private KernelChecks() {}

  /**
   * Checks a batch count and that the arrays hold {@code batches} examples of the given sizes.
   *
   * @throws IllegalArgumentException naming the count or the length found and the length needed
   */
  public static void checkBuffers(int batches, byte[] input, int inputSize, byte[] output, int outputSize) {
    if (batches < 0) {
      throw new IllegalArgumentException("batch count " + batches + " must be non-negative");
    }
    if (input.length < (long) batches * inputSize) {
      throw new IllegalArgumentException("input has " + input.length + " bytes, " + batches + " examples need "
          + (long) batches * inputSize);
    }
    if (output.length < (long) batches * outputSize) {
      throw new IllegalArgumentException("output has " + output.length + " bytes, " + batches + " examples need "
          + (long) batches * outputSize);
    }
  }

  /** The error of an average-pooling window at output {@code (outY, outX)} that holds no input. */
  public static IllegalArgumentException windowEntirelyInPadding(int outY, int outX) {
    return new IllegalArgumentException("pooling window at output (" + outY + ", " + outX
        + ") lies entirely in padding; reduce the padding below the window size");
  }
}
