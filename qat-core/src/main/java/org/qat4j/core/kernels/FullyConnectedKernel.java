package org.qat4j.core.kernels;

/** An int8 fully-connected implementation; {@link FullyConnectedReference} is the oracle. */
@FunctionalInterface
public interface FullyConnectedKernel {

  /**
   * Computes {@code batches} rows: reads {@code input[b * K + k]}, writes {@code output[b *
   * outputDepth + o]}. Arrays may be longer than needed.
   *
   * @throws IllegalArgumentException if an array is too short for {@code batches}
   */
  void fullyConnected(FullyConnectedParams params, int batches, byte[] input, byte[] output);
}
