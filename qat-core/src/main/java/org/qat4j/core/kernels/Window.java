package org.qat4j.core.kernels;

/**
 * A sliding window over an NHWC feature map, shared by convolution and pooling.
 *
 * <p>Output position {@code (oy, ox)} reads input rows {@code oy * strideHeight - padTop +
 * dilationHeight * fy} for {@code fy} in {@code [0, filterHeight)}, and likewise for columns.
 * Positions outside the image are padding; how padding counts is the kernel's business
 * (convolution: it contributes nothing, i.e. acts as the input zero point, real 0; pooling: it is
 * skipped). Bottom and right padding are implied by the output size.
 *
 * @param filterHeight window rows, positive
 * @param filterWidth window columns, positive
 * @param strideHeight row step, positive
 * @param strideWidth column step, positive
 * @param dilationHeight row spacing of window taps, positive (1 = dense)
 * @param dilationWidth column spacing of window taps, positive
 * @param padTop rows of padding above the image, non-negative
 * @param padLeft columns of padding left of the image, non-negative
 */
public record Window(int filterHeight, int filterWidth, int strideHeight, int strideWidth,
    int dilationHeight, int dilationWidth, int padTop, int padLeft) {

  /** Validates signs. */
  public Window {
    if (filterHeight <= 0 || filterWidth <= 0) {
      throw new IllegalArgumentException("window " + filterHeight + "x" + filterWidth + " must be at least 1x1");
    }
    if (strideHeight <= 0 || strideWidth <= 0 || dilationHeight <= 0 || dilationWidth <= 0) {
      throw new IllegalArgumentException("stride " + strideHeight + "x" + strideWidth + " and dilation "
          + dilationHeight + "x" + dilationWidth + " must be positive");
    }
    if (padTop < 0 || padLeft < 0) {
      throw new IllegalArgumentException("padding top " + padTop + ", left " + padLeft + " must be non-negative");
    }
  }
}
