package org.qat4j.core.graph;

/**
 * Explicit padding of a 2-D window op, in input rows and columns. Every padding convention maps
 * here: VALID is all zeros, SAME is {@link #same}, DL4J's explicit padding is {@link #symmetric}.
 * For convolution a padded position acts as the input zero point (real 0); pooling skips it.
 *
 * @param top rows above the image, in [0, 4096]
 * @param left columns left of the image, in [0, 4096]
 * @param bottom rows below the image, in [0, 4096]
 * @param right columns right of the image, in [0, 4096]
 */
public record Padding(int top, int left, int bottom, int right) {

  /** Validates the ranges. */
  public Padding {
    if (Math.min(Math.min(top, left), Math.min(bottom, right)) < 0
        || Math.max(Math.max(top, left), Math.max(bottom, right)) > GraphLimits.MAX_WINDOW_EXTENT) {
      throw new IllegalArgumentException("padding top " + top + ", left " + left + ", bottom " + bottom
          + ", right " + right + " must each be in [0, " + GraphLimits.MAX_WINDOW_EXTENT + "]");
    }
  }

  /** No padding (TensorFlow's VALID). */
  public static Padding valid() {
    return new Padding(0, 0, 0, 0);
  }

  /** The same padding above and below ({@code height}) and left and right ({@code width}), as DL4J's. */
  public static Padding symmetric(int height, int width) {
    return new Padding(height, width, height, width);
  }

  /**
   * TensorFlow's SAME padding ({@code tflite::ComputePaddingHeightWidth}): the output has {@code
   * ceil(in / stride)} positions; the total padding {@code max(0, (out - 1) * stride +
   * effective_filter - in)} is split with the smaller half ({@code total / 2}, truncating) at the
   * top/left and the rest at the bottom/right. {@code effective_filter = (filter - 1) * dilation + 1}.
   * DL4J's ConvolutionMode.Same splits the same way.
   */
  public static Padding same(int inHeight, int inWidth, int filterHeight, int filterWidth,
      int strideHeight, int strideWidth, int dilationHeight, int dilationWidth) {
    int totalHeight = sameTotal(inHeight, filterHeight, strideHeight, dilationHeight);
    int totalWidth = sameTotal(inWidth, filterWidth, strideWidth, dilationWidth);
    return new Padding(totalHeight / 2, totalWidth / 2, totalHeight - totalHeight / 2, totalWidth - totalWidth / 2);
  }

  private static int sameTotal(int in, int filter, int stride, int dilation) {
    GraphLimits.checkExtent("filter size", filter);
    GraphLimits.checkExtent("stride", stride);
    GraphLimits.checkExtent("dilation", dilation);
    if (in < 1) {
      throw new IllegalArgumentException("input size " + in + " must be positive");
    }
    long out = ((long) in + stride - 1) / stride; // ceil(in / stride)
    long effectiveFilter = (long) (filter - 1) * dilation + 1;
    return (int) Math.max(0, (out - 1) * stride + effectiveFilter - in);
  }

  /**
   * Output positions along one axis: {@code floor((in + before + after - effective_filter) /
   * stride) + 1}, or 0 if the effective filter does not fit the padded input.
   */
  static int outputSize(int in, int before, int after, int filter, int stride, int dilation) {
    long effectiveFilter = (long) (filter - 1) * dilation + 1;
    long span = (long) in + before + after - effectiveFilter;
    return span < 0 ? 0 : (int) (span / stride + 1); // span >= 0: '/' is floor here
  }
}
