package org.qat4j.core.graph;

import java.util.List;
import java.util.Objects;

/**
 * Max pooling over NHWC {@code [H, W, C]}; input and output share quantization.
 *
 * @param name unique op name
 * @param input the int8 feature map read
 * @param output the int8 feature map written
 * @param window pool size, stride and padding
 * @param clamp fused activation range, within the output grid
 */
public record MaxPool2D(String name, int input, int output, PoolWindow window, ActivationClamp clamp) implements Op {

  /** Validates the header. */
  public MaxPool2D {
    Op.checkHeader("MaxPool2D", name, input, output);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clamp, "clamp");
  }

  @Override
  public List<Integer> inputs() {
    return List.of(input);
  }
}
