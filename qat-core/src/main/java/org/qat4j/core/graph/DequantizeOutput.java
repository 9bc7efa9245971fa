package org.qat4j.core.graph;

import java.util.List;

/**
 * The float edge out: {@code x = scale * (q - zero_point)} with the input tensor's parameters,
 * TFLite's Dequantize. Writes the float32 graph output.
 *
 * @param name unique op name
 * @param input the int8 tensor read
 * @param output the float32 graph output
 */
public record DequantizeOutput(String name, int input, int output) implements Op {

  /** Validates the header. */
  public DequantizeOutput {
    Op.checkHeader("DequantizeOutput", name, input, output);
  }

  @Override
  public List<Integer> inputs() {
    return List.of(input);
  }
}
