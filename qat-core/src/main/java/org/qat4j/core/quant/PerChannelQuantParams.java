package org.qat4j.core.quant;

import java.util.Arrays;

/**
 * Per-channel quantization parameters: channel {@code c} uses {@code real = scales[c] * (q -
 * zeroPoints[c])} (docs/quantization.md eq. 1), where the channel of an element is its index
 * along {@code axis}.
 *
 * <p>The arrays are copied on the way in and on the way out, so an instance never changes.
 * {@code equals}, {@code hashCode} and {@code toString} compare and print array contents.
 *
 * @param scales one finite scale {@code > 0} per channel; at least one channel
 * @param zeroPoints one zero point per channel, as many as {@code scales}
 * @param axis the channel axis of the tensor's shape, {@code >= 0}
 */
public record PerChannelQuantParams(float[] scales, int[] zeroPoints, int axis) {

  /**
   * Validates and copies the components.
   *
   * @param scales as the record component
   * @param zeroPoints as the record component
   * @param axis as the record component
   * @throws IllegalArgumentException if an array is missing or empty, the lengths differ, a
   *     scale is not finite and positive, or the axis is negative
   */
  public PerChannelQuantParams {
    if (scales == null || zeroPoints == null) {
      throw new IllegalArgumentException("scales and zeroPoints must both be given (found "
          + (scales == null ? "no scales" : "no zeroPoints") + ")");
    }
    if (scales.length == 0 || scales.length != zeroPoints.length) {
      throw new IllegalArgumentException("found " + scales.length + " scales and "
          + zeroPoints.length + " zero points; give one of each per channel (at least one)");
    }
    if (axis < 0) {
      throw new IllegalArgumentException("channel axis " + axis + " is negative; give the "
          + "0-based axis of the tensor shape that indexes channels");
    }
    scales = scales.clone();
    zeroPoints = zeroPoints.clone();
    for (int c = 0; c < scales.length; c++) {
      QuantParams.checkScale(scales[c], "channel " + c + " scale");
    }
  }

  /**
   * Parameters with zero point 0 in every channel, the TFLite convention for weights.
   *
   * @param scales one scale per channel
   * @param axis the channel axis
   * @return the parameters
   */
  public static PerChannelQuantParams symmetric(float[] scales, int axis) {
    return new PerChannelQuantParams(scales, new int[scales.length], axis);
  }

  /**
   * A copy of the scales.
   *
   * @return one scale per channel
   */
  @Override
  public float[] scales() {
    return scales.clone();
  }

  /**
   * A copy of the zero points.
   *
   * @return one zero point per channel
   */
  @Override
  public int[] zeroPoints() {
    return zeroPoints.clone();
  }

  /**
   * Number of channels.
   *
   * @return the length of the scale array
   */
  public int channels() {
    return scales.length;
  }

  /**
   * The scale of one channel, without copying the array.
   *
   * @param channel 0-based channel index
   * @return its scale
   */
  public float scale(int channel) {
    return scales[channel];
  }

  /**
   * The zero point of one channel, without copying the array.
   *
   * @param channel 0-based channel index
   * @return its zero point
   */
  public int zeroPoint(int channel) {
    return zeroPoints[channel];
  }

  /**
   * One channel's parameters as per-tensor parameters.
   *
   * @param channel 0-based channel index
   * @return that channel's scale and zero point
   */
  public QuantParams channel(int channel) {
    return new QuantParams(scales[channel], zeroPoints[channel]);
  }

  /**
   * Checks that these parameters can describe a tensor stored with {@code scheme}.
   *
   * @param scheme a per-channel scheme with the same axis
   * @throws IllegalArgumentException if the scheme is per tensor, its axis differs, or a zero
   *     point does not fit it
   */
  public void checkFits(QuantScheme scheme) {
    if (!scheme.perChannel() || scheme.channelAxis() != axis) {
      throw new IllegalArgumentException("per-channel parameters on axis " + axis
          + " cannot describe the scheme " + scheme + "; use a scheme with channelAxis "
          + axis);
    }
    for (int c = 0; c < zeroPoints.length; c++) {
      scheme.checkZeroPoint(zeroPoints[c], "channel " + c);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PerChannelQuantParams p && axis == p.axis
        && Arrays.equals(scales, p.scales) && Arrays.equals(zeroPoints, p.zeroPoints);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints)) + axis;
  }

  @Override
  public String toString() {
    return "PerChannelQuantParams[scales=" + Arrays.toString(scales) + ", zeroPoints="
        + Arrays.toString(zeroPoints) + ", axis=" + axis + "]";
  }
}
