package org.qat4j.core.kernels;

/** An int8 pooling implementation ({@link MaxPoolReference}, {@link AveragePoolReference}). */
@FunctionalInterface
public interface PoolKernel {

  /**
   * Pools {@code batches} NHWC examples. Arrays may be longer than needed.
   *
   * @throws IllegalArgumentException if an array is too short for {@code batches}
   */
  void pool(PoolParams params, int batches, byte[] input, byte[] output);
}
