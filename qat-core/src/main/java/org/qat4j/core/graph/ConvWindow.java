package org.qat4j.core.graph;

import java.util.Objects;

/**
 * Stride, dilation and padding of a convolution; the filter size comes from the weights.
 *
 * @param strideHeight row step, in [1, 4096]
 * @param strideWidth column step, in [1, 4096]
 * @param dilationHeight spacing of filter rows, in [1, 4096] (1 = dense)
 * @param dilationWidth spacing of filter columns, in [1, 4096]
 * @param padding explicit padding
 */
public record ConvWindow(int strideHeight, int strideWidth, int dilationHeight, int dilationWidth, Padding padding) {

  /** Validates the ranges. */
  public ConvWindow {
    GraphLimits.checkExtent("stride height", strideHeight);
    GraphLimits.checkExtent("stride width", strideWidth);
    GraphLimits.checkExtent("dilation height", dilationHeight);
    GraphLimits.checkExtent("dilation width", dilationWidth);
    Objects.requireNonNull(padding, "padding");
  }

  /** An undilated convolution. */
  public static ConvWindow of(int strideHeight, int strideWidth, Padding padding) {
    return new ConvWindow(strideHeight, strideWidth, 1, 1, padding);
  }

  /** The output {@code [H, W, outC]} for an {@code [H, W, C]} input and a {@code [outC, kH, kW, C]} filter. */
  Shape outputShape(Shape input, Shape filter) {
    int h = Padding.outputSize(input.dim(0), padding.top(), padding.bottom(), filter.dim(1), strideHeight, dilationHeight);
    int w = Padding.outputSize(input.dim(1), padding.left(), padding.right(), filter.dim(2), strideWidth, dilationWidth);
    if (h == 0 || w == 0) {
      throw new IllegalArgumentException("the " + filter.dim(1) + "x" + filter.dim(2) + " filter (dilation "
          + dilationHeight + "x" + dilationWidth + ") does not fit the " + input.dim(0) + "x" + input.dim(1)
          + " input with padding " + padding + "; pad more or use a smaller filter");
    }
    return Shape.of(h, w, filter.dim(0));
  }
}
