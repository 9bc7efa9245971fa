package org.qat4j.core.kernels.fast;

/**
 * The implementations of {@link Int8Gemm}. All are exact and give bit-identical int32 results;
 * they differ only in speed and in what the JVM must provide.
 */
public enum Int8GemmVariant {

  /**
   * JDK Vector API: int8 widened to fp32 and multiplied-added in K-chunks of at most 1024
   * products (exact, see the package documentation), chunks summed in int32. Needs the JVM flag
   * {@code --add-modules jdk.incubator.vector}.
   */
  VECTOR_FLOAT_FMA,

  /** Plain Java int32 arithmetic; runs everywhere, about 15-20 times slower. */
  SCALAR;

  /** Whether this variant can run in this JVM (the Vector API module is present and usable). */
  public boolean isAvailable() {
    return this == SCALAR || KernelSelection.vectorKernel() != null;
  }
}
