package org.qat4j.core.format;

/**
 * The layout of the float (or int8) input a user feeds to the interpreter. The graph itself is
 * NHWC; the interpreter transposes at the edge. For vector inputs both layouts are the same.
 */
public enum InputLayout {
  /** {@code [N, H, W, C]}, channels innermost: the graph's own layout (TFLite). */
  NHWC,
  /**
   * {@code [N, C, H, W]}, channels outermost: DL4J's convolutional layout, and also the order of a
   * flattened DL4J "convolutionalFlat" row ({@code c, h, w}).
   */
  NCHW
}
