package org.qat4j.core.quant;

import java.util.Arrays;

/**
 * Where the channels are in a flat, row-major array: the array is viewed as {@code [outer,
 * channels, inner]}, so element {@code i} belongs to channel {@code (i / inner) % channels}.
 *
 * <p>Channels last (TensorFlow's per-channel fake quantization, NHWC activations, HWIO
 * weights) is {@code inner == 1}; DL4J's NCHW activations with axis 1 and its {@code [out, in,
 * kh, kw]} convolution weights with axis 0 are other cases of the same view.
 *
 * @param outer product of the dimensions before the channel axis, {@code >= 1}
 * @param channels size of the channel axis, {@code >= 1}
 * @param inner product of the dimensions after the channel axis, {@code >= 1}
 */
public record ChannelLayout(int outer, int channels, int inner) {

  /**
   * Validates the components.
   *
   * @param outer as the record component
   * @param channels as the record component
   * @param inner as the record component
   * @throws IllegalArgumentException if a component is below 1 or the total length exceeds
   *     {@link Integer#MAX_VALUE}
   */
  public ChannelLayout {
    if (outer < 1 || channels < 1 || inner < 1) {
      throw new IllegalArgumentException("layout [outer " + outer + ", channels " + channels
          + ", inner " + inner + "] needs every part >= 1; an empty tensor has no channels");
    }
    if ((long) outer * channels * inner > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("layout [outer " + outer + ", channels " + channels
          + ", inner " + inner + "] has more than " + Integer.MAX_VALUE + " elements, more "
          + "than a Java array holds; split the tensor");
    }
  }

  /**
   * Channels-last layout of a flat array of {@code length} elements: TensorFlow's {@code
   * flat_inner_dims} view {@code [length / channels, channels]}.
   *
   * @param length number of elements; a positive multiple of {@code channels}
   * @param channels number of channels, {@code >= 1}
   * @return the layout
   * @throws IllegalArgumentException if {@code length} is not a positive multiple of {@code
   *     channels}
   */
  public static ChannelLayout channelsLast(int length, int channels) {
    if (channels < 1 || length < 1 || length % channels != 0) {
      throw new IllegalArgumentException("an array of " + length + " elements cannot hold "
          + channels + " channels in the last dimension; the length must be a positive "
          + "multiple of the channel count");
    }
    return new ChannelLayout(length / channels, channels, 1);
  }

  /**
   * Layout of a row-major tensor of {@code shape} with channels on {@code axis}.
   *
   * @param shape dimensions, each {@code >= 1}
   * @param axis 0-based channel axis, {@code 0 <= axis < shape.length}
   * @return the layout
   * @throws IllegalArgumentException if the axis is outside the shape or a dimension is below 1
   */
  public static ChannelLayout of(int[] shape, int axis) {
    if (axis < 0 || axis >= shape.length) {
      throw new IllegalArgumentException("channel axis " + axis + " is outside the shape "
          + Arrays.toString(shape) + "; use an axis in [0, " + (shape.length - 1) + "]");
    }
    long outer = 1;
    long inner = 1;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] < 1) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has dimension "
            + d + " = " + shape[d] + "; every dimension must be >= 1");
      }
      if (d < axis) {
        outer *= shape[d];
      } else if (d > axis) {
        inner *= shape[d];
      }
      // Both factors stay below 2^31 before each product, so the longs cannot overflow.
      if (outer > Integer.MAX_VALUE || inner > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
            + Integer.MAX_VALUE + " elements, more than a Java array holds; split the tensor");
      }
    }
    return new ChannelLayout((int) outer, shape[axis], (int) inner);
  }

  /**
   * Total number of elements.
   *
   * @return {@code outer * channels * inner}
   */
  public int length() {
    return outer * channels * inner;
  }

  /**
   * Channel of a flat index.
   *
   * @param index 0-based flat index
   * @return {@code (index / inner) % channels}
   */
  public int channelOf(int index) {
    return (index / inner) % channels;
  }

  /**
   * Checks that a flat array matches this layout and that a per-channel array has one entry
   * per channel.
   *
   * @param arrayLength length of the flat data array
   * @param perChannelLength length of a per-channel array (mins, scales, ...)
   * @param perChannelName name of that array for messages
   * @throws IllegalArgumentException if either length is wrong
   */
  void check(int arrayLength, int perChannelLength, String perChannelName) {
    if (arrayLength != length()) {
      throw new IllegalArgumentException("array of " + arrayLength + " elements does not match "
          + "the layout " + this + " of " + length() + " elements; pass the tensor's own shape");
    }
    if (perChannelLength != channels) {
      throw new IllegalArgumentException(perChannelName + " has " + perChannelLength
          + " entries but the tensor has " + channels + " channels; give one per channel");
    }
  }
}
