package org.qat4j.core.graph;

import java.util.Objects;

/**
 * Window, stride and padding of a pooling op. Padded positions are skipped (max) or excluded from
 * the count (average), as in TFLite; a window may not lie entirely in padding.
 *
 * @param filterHeight window rows, in [1, 4096]
 * @param filterWidth window columns, in [1, 4096]; at most 2^20 elements per window
 * @param strideHeight row step, in [1, 4096]
 * @param strideWidth column step, in [1, 4096]
 * @param padding explicit padding, each side smaller than the window along its axis
 */
public record PoolWindow(int filterHeight, int filterWidth, int strideHeight, int strideWidth, Padding padding) {

  /** Validates the ranges. */
  public PoolWindow {
    GraphLimits.checkExtent("pool height", filterHeight);
    GraphLimits.checkExtent("pool width", filterWidth);
    GraphLimits.checkExtent("stride height", strideHeight);
    GraphLimits.checkExtent("stride width", strideWidth);
    Objects.requireNonNull(padding, "padding");
    if ((long) filterHeight * filterWidth > GraphLimits.MAX_POOL_WINDOW_ELEMENTS) {
      throw new IllegalArgumentException("pool window " + filterHeight + "x" + filterWidth + " has more than "
          + GraphLimits.MAX_POOL_WINDOW_ELEMENTS + " elements");
    }
    if (padding.top() >= filterHeight || padding.bottom() >= filterHeight
        || padding.left() >= filterWidth || padding.right() >= filterWidth) {
      throw new IllegalArgumentException("pool padding " + padding + " must be smaller than the " + filterHeight
          + "x" + filterWidth + " window on each side, else a window can lie entirely in padding");
    }
  }

  /** The output {@code [H', W', C]} for an {@code [H, W, C]} input. */
  Shape outputShape(Shape input) {
    int h = Padding.outputSize(input.dim(0), padding.top(), padding.bottom(), filterHeight, strideHeight, 1);
    int w = Padding.outputSize(input.dim(1), padding.left(), padding.right(), filterWidth, strideWidth, 1);
    if (h == 0 || w == 0) {
      throw new IllegalArgumentException("the " + filterHeight + "x" + filterWidth + " pool window does not fit the "
          + input.dim(0) + "x" + input.dim(1) + " input with padding " + padding);
    }
    return Shape.of(h, w, input.dim(2));
  }
}
