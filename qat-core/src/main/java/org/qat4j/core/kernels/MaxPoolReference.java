package org.qat4j.core.kernels;

/**
 * Reference int8 max pooling (TFLite {@code reference_integer_ops::MaxPool}): the maximum of the
 * window's in-image values, then the activation clamp. Padding positions are skipped (they never
 * win), and the window is clipped to the image; input and output share scale and zero point.
 */
public final class MaxPoolReference {

  private MaxPoolReference() {}

  /**
   * See {@link PoolKernel#pool}. A window entirely in padding yields -128 before clamping, as in
   * TFLite; graph validation rejects such windows.
   */
  public static void maxPool(PoolParams params, int batches, byte[] input, byte[] output) {
    final FeatureMap in = params.input();
    final FeatureMap out = params.output();
    final Window window = params.window();
    final int depth = in.depth();
    KernelChecks.checkBuffers(batches, input, in.size(), output, out.size());

    for (int batch = 0; batch < batches; batch++) {
      for (int outY = 0; outY < out.height(); outY++) {
        final int inYOrigin = outY * window.strideHeight() - window.padTop();
        // Clip the window to the image: rows [yStart, yEnd) of the filter are inside.
        final int yStart = Math.max(0, -inYOrigin);
        final int yEnd = Math.min(window.filterHeight(), in.height() - inYOrigin);
        for (int outX = 0; outX < out.width(); outX++) {
          final int inXOrigin = outX * window.strideWidth() - window.padLeft();
          final int xStart = Math.max(0, -inXOrigin);
          final int xEnd = Math.min(window.filterWidth(), in.width() - inXOrigin);
          for (int channel = 0; channel < depth; channel++) {
            int max = Byte.MIN_VALUE;
            for (int fy = yStart; fy < yEnd; fy++) {
              for (int fx = xStart; fx < xEnd; fx++) {
                int index = ((batch * in.height() + inYOrigin + fy) * in.width() + inXOrigin + fx) * depth + channel;
                max = Math.max(max, input[index]);
              }
            }
            max = Math.max(max, params.activationMin());
            max = Math.min(max, params.activationMax());
            output[((batch * out.height() + outY) * out.width() + outX) * depth + channel] = (byte) max;
          }
        }
      }
    }
  }
}
