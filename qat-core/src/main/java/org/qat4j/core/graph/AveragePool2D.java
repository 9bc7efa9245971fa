package org.qat4j.core.graph;

import java.util.List;
import java.util.Objects;

/**
 * Average pooling over NHWC {@code [H, W, C]} with TFLite's integer arithmetic: the sum of the
 * in-image values divided by their count, rounded half away from zero (see {@link
 * org.qat4j.core.kernels.AveragePoolReference}); padding is excluded from the count. Input and
 * output share quantization.
 *
 * @param name unique op name
 * @param input the int8 feature map read
 * @param output the int8 feature map written
 * @param window pool size, stride and padding
 * @param clamp fused activation range, within the output grid
 */
public record AveragePool2D(String name, int input, int output, PoolWindow window, ActivationClamp clamp)
    implements Op {

  /** Validates the header. */
  public AveragePool2D {
    Op.checkHeader("AveragePool2D", name, input, output);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clamp, "clamp");
  }

  @Override
  public List<Integer> inputs() {
    return List.of(input);
  }
}
