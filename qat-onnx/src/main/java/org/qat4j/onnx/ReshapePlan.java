package org.qat4j.onnx;

import org.qat4j.core.graph.Shape;

/**
 * How an engine {@code Reshape} becomes ONNX nodes. The engine reshapes NHWC bytes in row-major
 * order; in ONNX a rank-3 engine tensor {@code [H, W, C]} is an NCHW value {@code [N, C, H, W]}
 * and every other tensor is {@code [N, dims...]} in the engine's order. So a reshape transposes
 * a feature map to NHWC first and back to NCHW after, except where both orders are the same
 * ({@code C = 1} or {@code H = W = 1}), and except a flatten whose every reader is a
 * fully-connected layer: that one flattens in {@code (c, h, w)} order and the readers' weight
 * columns are permuted instead ({@link WeightLayouts#chwToHwc}), saving a transpose per run.
 *
 * @param input the engine's input shape
 * @param output the engine's output shape
 * @param toNhwc transpose the input from NCHW to NHWC first
 * @param toNchw reshape to {@code [N, H, W, C]} then transpose to NCHW
 * @param flattenChw flatten the NCHW input as it is, leaving the elements in {@code (c, h, w)} order
 */
record ReshapePlan(Shape input, Shape output, boolean toNhwc, boolean toNchw, boolean flattenChw) {

  /**
   * The plan for reshaping {@code input} to {@code output}.
   *
   * @param readersAreFullyConnected whether every op reading the output is a fully-connected layer
   */
  static ReshapePlan of(Shape input, Shape output, boolean readersAreFullyConnected) {
    boolean inputOrderDiffers = ordersDiffer(input);
    boolean flattenChw = inputOrderDiffers && output.rank() == 1 && readersAreFullyConnected;
    return new ReshapePlan(input, output, inputOrderDiffers && !flattenChw, ordersDiffer(output), flattenChw);
  }

  /** Whether NCHW and NHWC orders differ for a tensor of this engine shape. */
  static boolean ordersDiffer(Shape shape) {
    return shape.rank() == 3 && shape.dim(2) > 1 && shape.dim(0) * shape.dim(1) > 1;
  }

  /**
   * The ONNX shape, batch included, of an engine tensor: NCHW {@code [N, C, H, W]} for rank 3,
   * {@code [N, dims...]} otherwise; {@code batch} stands for N (0 in a Reshape target copies it).
   */
  static long[] onnxDims(Shape shape, long batch) {
    long[] dims = new long[shape.rank() + 1];
    dims[0] = batch;
    if (shape.rank() == 3) {
      dims[1] = shape.dim(2);
      dims[2] = shape.dim(0);
      dims[3] = shape.dim(1);
    } else {
      for (int i = 0; i < shape.rank(); i++) {
        dims[i + 1] = shape.dim(i);
      }
    }
    return dims;
  }
}
