package org.qat4j.core.graph;

import java.util.Arrays;

/**
 * The per-example shape of a tensor, without the batch dimension: {@code [H, W, C]} for NHWC
 * feature maps (channels innermost, TFLite's layout), {@code [features]} for vectors, {@code [out,
 * in]} or {@code [outC, kH, kW, inC]} for weights. Immutable; row-major.
 */
public final class Shape {

  private final int[] dims;

  private Shape(int[] dims) {
    if (dims.length < 1 || dims.length > GraphLimits.MAX_RANK) {
      throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has rank " + dims.length
          + "; ranks 1 to " + GraphLimits.MAX_RANK + " are supported (the batch dimension is not part of a shape)");
    }
    long elements = 1;
    for (int d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has dimension " + d
            + "; every dimension must be at least 1");
      }
      elements *= d;
      if (elements > GraphLimits.MAX_TENSOR_ELEMENTS) {
        throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than "
            + GraphLimits.MAX_TENSOR_ELEMENTS + " elements, the limit per tensor");
      }
    }
    this.dims = dims;
  }

  /** A shape with the given dimensions, each at least 1; at most 2^26 elements in total. */
  public static Shape of(int... dims) {
    return new Shape(dims.clone());
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Dimension {@code i}. */
  public int dim(int i) {
    return dims[i];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** Product of the dimensions. */
  public int elementCount() {
    int n = 1;
    for (int d : dims) {
      n *= d; // bounded by MAX_TENSOR_ELEMENTS in the constructor
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
