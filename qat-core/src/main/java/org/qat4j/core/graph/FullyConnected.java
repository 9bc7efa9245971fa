package org.qat4j.core.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fully-connected layer over a vector {@code [K]} with symmetric weights {@code [out, K]}, per
 * tensor or per output channel: {@code out[o] = clamp(MBQM(bias[o] + sum_k w[o][k] * (x[k] -
 * zp_in), M[o]) + zp_out)}.
 *
 * @param name unique op name
 * @param input the int8 vector read, rank 1 (flatten a feature map with {@link Reshape} first)
 * @param output the int8 vector written, {@code [out]}
 * @param weights weights, rank 2
 * @param bias int32 per output, at scale {@code s_in * s_w[o]}; copied
 * @param multipliers {@code M[o] = s_in * s_w[o] / s_out} in fixed point
 * @param clamp fused activation range, within the output grid
 */
public record FullyConnected(String name, int input, int output, QuantizedWeights weights, int[] bias,
    ChannelMultipliers multipliers, ActivationClamp clamp) implements Op {

  /** Validates everything that does not depend on the tensors, including the accumulator bound. */
  public FullyConnected {
    Op.checkHeader("FullyConnected", name, input, output);
    Objects.requireNonNull(clamp, "clamp");
    if (weights.shape().rank() != 2) {
      throw new IllegalArgumentException("FullyConnected op '" + name + "': weight shape " + weights.shape()
          + " must be [out, in]");
    }
    bias = bias.clone();
    MultiplyAccumulateChecks.check("FullyConnected", name, weights, bias, multipliers);
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
    return o instanceof FullyConnected f && name.equals(f.name) && input == f.input && output == f.output
        && weights.equals(f.weights) && Arrays.equals(bias, f.bias) && multipliers.equals(f.multipliers)
        && clamp.equals(f.clamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, input, output, weights, Arrays.hashCode(bias), multipliers, clamp);
  }

  @Override
  public String toString() {
    return "FullyConnected[" + name + ": " + input + " -> " + output + ", " + weights + ", " + clamp + "]";
  }
}
