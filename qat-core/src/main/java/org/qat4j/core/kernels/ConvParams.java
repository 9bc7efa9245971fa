package org.qat4j.core.kernels;

/**
 * Parameters of an int8 2-D convolution with per-output-channel weights, as TFLite's {@code
 * ConvParams} plus the per-channel multiplier arrays.
 *
 * <p>The filter array is held, not copied (see {@link OutputStage}).
 *
 * @param inputOffset {@code -zero_point_in}, in [-127, 128]
 * @param input per-example input shape
 * @param output per-example output shape; its depth is the number of filters
 * @param window filter size, stride, dilation and top/left padding
 * @param filter {@code [output.depth][window.filterHeight][window.filterWidth][input.depth]},
 *     values in [-127, 127]
 * @param stage requantization, one channel per filter
 */
public record ConvParams(int inputOffset, FeatureMap input, FeatureMap output, Window window, byte[] filter,
    OutputStage stage) {

  /** Validates shapes. */
  public ConvParams {
    if (inputOffset < -127 || inputOffset > 128) {
      throw new IllegalArgumentException("input offset " + inputOffset + " must be -zero_point_in, in [-127, 128]");
    }
    long depth = (long) window.filterHeight() * window.filterWidth() * input.depth();
    if (depth > AccumulatorBound.MAX_DEPTH) {
      throw new IllegalArgumentException("filter depth " + depth + " exceeds " + AccumulatorBound.MAX_DEPTH);
    }
    if (filter.length != depth * output.depth()) {
      throw new IllegalArgumentException("filter has " + filter.length + " values, expected " + output.depth()
          + " x " + window.filterHeight() + " x " + window.filterWidth() + " x " + input.depth());
    }
    if (stage.channels() != output.depth()) {
      throw new IllegalArgumentException("output stage has " + stage.channels() + " channels, expected " + output.depth());
    }
  }
}
