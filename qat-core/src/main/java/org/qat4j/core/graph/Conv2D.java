package org.qat4j.core.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * 2-D convolution over NHWC {@code [H, W, C]} with per-output-channel symmetric weights {@code
 * [outC, kH, kW, C]}: {@code out = clamp(MBQM(bias[c] + sum w * (x - zp_in), M[c]) + zp_out)}.
 *
 * @param name unique op name
 * @param input the int8 feature map read
 * @param output the int8 feature map written, {@code [H', W', outC]}
 * @param filter weights, per channel, rank 4
 * @param bias int32 per output channel, at scale {@code s_in * s_w[c]}; copied
 * @param multipliers {@code M[c] = s_in * s_w[c] / s_out} in fixed point
 * @param window stride, dilation, padding
 * @param clamp fused activation range, within the output grid
 */
public record Conv2D(String name, int input, int output, QuantizedWeights filter, int[] bias,
    ChannelMultipliers multipliers, ConvWindow window, ActivationClamp clamp) implements Op {

  /** Validates everything that does not depend on the tensors, including the accumulator bound. */
  public Conv2D {
    Op.checkHeader("Conv2D", name, input, output);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clamp, "clamp");
    if (filter.shape().rank() != 4) {
      throw new IllegalArgumentException("Conv2D op '" + name + "': filter shape " + filter.shape()
          + " must be [outC, kH, kW, inC]");
    }
    if (filter.granularity() != QuantizedWeights.Granularity.PER_CHANNEL) {
      throw new IllegalArgumentException("Conv2D op '" + name + "': filter must be quantized per output channel");
    }
    GraphLimits.checkExtent("filter height", filter.shape().dim(1));
    GraphLimits.checkExtent("filter width", filter.shape().dim(2));
    bias = bias.clone();
    MultiplyAccumulateChecks.check("Conv2D", name, filter, bias, multipliers);
  }

  /** A copy of the bias. */
  @Override
  public int[] bias() {
    return bias.clone();
  }

  @Override
  public List<Integer> inputs() {
    return List.of(input);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conv2D c && name.equals(c.name) && input == c.input && output == c.output
        && filter.equals(c.filter) && Arrays.equals(bias, c.bias) && multipliers.equals(c.multipliers)
        && window.equals(c.window) && clamp.equals(c.clamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, input, output, filter, Arrays.hashCode(bias), multipliers, window, clamp);
  }

  @Override
  public String toString() {
    return "Conv2D[" + name + ": " + input + " -> " + output + ", " + filter + ", " + window + ", " + clamp + "]";
  }
}
