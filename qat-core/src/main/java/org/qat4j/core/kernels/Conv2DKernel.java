package org.qat4j.core.kernels;

/** An int8 per-channel 2-D convolution; {@link Conv2DPerChannelReference} is the oracle. */
@FunctionalInterface
public interface Conv2DKernel {

  /**
   * Convolves {@code batches} NHWC examples, {@code input.size()} bytes each, into {@code
   * output.size()} bytes each. Arrays may be longer than needed.
   *
   * @throws IllegalArgumentException if an array is too short for {@code batches}
   */
  void conv2D(ConvParams params, int batches, byte[] input, byte[] output);
}
