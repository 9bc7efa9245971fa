package org.qat4j.core.graph;

import java.util.List;
import java.util.Objects;

/**
 * The float edge in: {@code q = clamp(round_half_away_from_zero(x / scale) + zero_point, clamp)},
 * TFLite's Quantize, with the scale and zero point of the int8 output tensor. The clamp is the
 * output's grid (narrower only for inputs of fewer than 8 bits or narrow range).
 *
 * @param name unique op name
 * @param input the float32 graph input
 * @param output the int8 tensor produced
 * @param clamp the saturation range, within the output's grid
 */
public record QuantizeInput(String name, int input, int output, ActivationClamp clamp) implements Op {

  /** Validates the header. */
  public QuantizeInput {
    Op.checkHeader("QuantizeInput", name, input, output);
    Objects.requireNonNull(clamp, "clamp");
  }

  @Override
  public List<Integer> inputs() {
    return List.of(input);
  }
}
