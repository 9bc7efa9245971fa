package org.qat4j.core.kernels;

/**
 * Reference int8 average pooling (TFLite {@code reference_integer_ops::AveragePool}).
 *
 * <p>For each window: sum the raw int8 values inside the image (no zero-point subtraction; input
 * and output share scale and zero point), count them (padding is excluded from the count, not
 * averaged in as zero), then divide with {@link KernelRounding#divideRoundingHalfAwayFromZero}:
 * round to nearest, ties away from zero. Because the raw values are averaged, a tie is broken
 * away from integer 0, not away from the zero point; that is TFLite's arithmetic and qat4j keeps
 * it. Finally the activation clamp.
 *
 * <p>Accumulator: at most {@code filterHeight * filterWidth} values of magnitude 128; graph
 * validation bounds the window to 2^20 elements, so the int32 sum is exact.
 */
public final class AveragePoolReference {

  private AveragePoolReference() {}

  /**
   * See {@link PoolKernel#pool}.
   *
   * @throws IllegalArgumentException if a window lies entirely in padding (TFLite fails the op)
   */
  public static void averagePool(PoolParams params, int batches, byte[] input, byte[] output) {
    final FeatureMap in = params.input();
    final FeatureMap out = params.output();
    final Window window = params.window();
    final int depth = in.depth();
    KernelChecks.checkBuffers(batches, input, in.size(), output, out.size());

    for (int batch = 0; batch < batches; batch++) {
      for (int outY = 0; outY < out.height(); outY++) {
        final int inYOrigin = outY * window.strideHeight() - window.padTop();
        final int yStart = Math.max(0, -inYOrigin);
        final int yEnd = Math.min(window.filterHeight(), in.height() - inYOrigin);
        for (int outX = 0; outX < out.width(); outX++) {
          final int inXOrigin = outX * window.strideWidth() - window.padLeft();
          final int xStart = Math.max(0, -inXOrigin);
          final int xEnd = Math.min(window.filterWidth(), in.width() - inXOrigin);
          final int count = Math.max(0, yEnd - yStart) * Math.max(0, xEnd - xStart);
          if (count == 0) {
            throw KernelChecks.windowEntirelyInPadding(outY, outX);
          }
          for (int channel = 0; channel < depth; channel++) {
            int sum = 0;
            for (int fy = yStart; fy < yEnd; fy++) {
              for (int fx = xStart; fx < xEnd; fx++) {
                sum += input[((batch * in.height() + inYOrigin + fy) * in.width() + inXOrigin + fx) * depth + channel];
              }
            }
            int average = KernelRounding.divideRoundingHalfAwayFromZero(sum, count);
            average = Math.max(average, params.activationMin());
            average = Math.min(average, params.activationMax());
            output[((batch * out.height() + outY) * out.width() + outX) * depth + channel] = (byte) average;
          }
        }
      }
    }
  }
}
