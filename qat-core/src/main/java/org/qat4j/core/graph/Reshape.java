package org.qat4j.core.graph;

import java.util.List;

/**
 * Reinterprets a tensor with another shape of the same element count; the bytes keep their
 * row-major order, so flattening an NHWC map {@code [H, W, C]} gives features in (h, w, c) order
 * (an exporter from an NCHW framework permutes the next layer's weight columns to match). Input and
 * output share quantization.
 *
 * @param name unique op name
 * @param input the tensor read
 * @param output the tensor written, with the new shape
 */
public record Reshape(String name, int input, int output) implements Op {

  /** Validates the header. */
  public Reshape {
    Op.checkHeader("Reshape", name, input, output);
  }

  @Override
  public List<Integer> inputs() {
    return List.of(input);
  }
}
