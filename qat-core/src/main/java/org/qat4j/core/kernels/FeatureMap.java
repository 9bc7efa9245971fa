package org.qat4j.core.kernels;

/**
 * The per-example shape of an NHWC activation: {@code height x width x depth}, depth (channels)
 * innermost. The batch dimension is passed to kernels separately.
 *
 * @param height rows, positive
 * @param width columns, positive
 * @param depth channels, positive
 */
public record FeatureMap(int height, int width, int depth) {

  /** Validates that every dimension is positive and the element count fits an int. */
  public FeatureMap {
    if (height <= 0 || width <= 0 || depth <= 0) {
      throw new IllegalArgumentException("feature map " + height + "x" + width + "x" + depth
          + " has a non-positive dimension; every dimension must be at least 1");
    }
    long size = (long) height * width * depth;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("feature map " + height + "x" + width + "x" + depth
          + " has " + size + " elements, more than an int array holds");
    }
  }

  /** Elements per example: {@code height * width * depth}. */
  public int size() {
    return height * width * depth;
  }
}
