package org.qat4j.core.kernels;

/**
 * Parameters of an int8 fully-connected layer: {@code out[b][o] = stage(sum_k w[o][k] * (in[b][k]
 * + inputOffset))}. Weights are symmetric (zero point 0); per-tensor quantization is the
 * per-channel case with every channel's multiplier equal.
 *
 * <p>The weight array is held, not copied (see {@link OutputStage}).
 *
 * @param inputOffset {@code -zero_point_in}, in [-127, 128]
 * @param weights row-major {@code [outputDepth][accumulationDepth]}, values in [-127, 127]
 * @param outputDepth output features
 * @param accumulationDepth input features K, at most {@link AccumulatorBound#MAX_DEPTH}
 * @param output requantization, one channel per output feature
 */
public record FullyConnectedParams(int inputOffset, byte[] weights, int outputDepth, int accumulationDepth,
    OutputStage output) {

  /** Validates shapes. */
  public FullyConnectedParams {
    if (inputOffset < -127 || inputOffset > 128) {
      throw new IllegalArgumentException("input offset " + inputOffset + " must be -zero_point_in, in [-127, 128]");
    }
    if (outputDepth <= 0 || accumulationDepth <= 0 || accumulationDepth > AccumulatorBound.MAX_DEPTH) {
      throw new IllegalArgumentException("fully connected " + outputDepth + "x" + accumulationDepth
          + ": output depth must be positive and the accumulation depth in [1, " + AccumulatorBound.MAX_DEPTH + "]");
    }
    if (weights.length != (long) outputDepth * accumulationDepth) {
      throw new IllegalArgumentException("weights have " + weights.length + " values, expected "
          + outputDepth + " x " + accumulationDepth);
    }
    if (output.channels() != outputDepth) {
      throw new IllegalArgumentException("output stage has " + output.channels() + " channels, expected " + outputDepth);
    }
  }
}
