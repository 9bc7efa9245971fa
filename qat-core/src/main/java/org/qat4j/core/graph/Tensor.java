package org.qat4j.core.graph;

import java.util.Objects;

/**
 * A tensor of an {@link IntegerGraph}, identified by its index in the graph's tensor list.
 *
 * @param id index in {@link IntegerGraph#tensors()}
 * @param name unique name, 1 to 256 printable chars
 * @param type float32 at the edges, int8 inside
 * @param shape per-example shape (no batch dimension), NHWC for feature maps
 * @param quantization the affine parameters of an int8 tensor; {@code null} for float32
 */
public record Tensor(int id, String name, TensorType type, Shape shape, Quantization quantization) {

  /** Validates the name and that exactly int8 tensors carry quantization. */
  public Tensor {
    if (id < 0) {
      throw new IllegalArgumentException("tensor id " + id + " must be non-negative");
    }
    GraphLimits.checkName("tensor", name);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(shape, "shape");
    if ((type == TensorType.INT8) != (quantization != null)) {
      throw new IllegalArgumentException("tensor '" + name + "' of type " + type
          + (quantization == null ? " needs quantization parameters" : " must not have quantization parameters"));
    }
  }
}
