package org.qat4j.core.kernels.fast;

import org.qat4j.core.kernels.AveragePoolReference;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.KernelChecks;
import org.qat4j.core.kernels.KernelRounding;
import org.qat4j.core.kernels.PoolKernel;
import org.qat4j.core.kernels.PoolParams;
import org.qat4j.core.kernels.Window;

/**
 * Int8 average pooling byte-identical to {@link AveragePoolReference}, in two passes over
 * contiguous channel runs.
 *
 * <p>As in {@link MaxPoolFast}, a window's sum is taken in two steps: for each output row, the
 * sum over the window's in-image input rows for every column and channel at once (into a
 * per-thread int32 scratch row), then, for each output position, the sum over its in-image
 * columns of that row ({@code depth} contiguous ints per column). int32 addition is associative
 * and commutative (exactly, even modulo 2^32), so the sums are the reference's whatever the
 * grouping; they are exact under the bound the reference states (graph validation limits a
 * window to 2^20 elements). Each sum is then divided by the window's in-image count with {@link
 * KernelRounding#divideRoundingHalfAwayFromZero} (ties away from zero, the reference's rounding)
 * and clamped.
 *
 * <p>Window clipping and the error are the reference's: padding is skipped and left out of the
 * count; a window entirely in padding throws the same {@link IllegalArgumentException}, after
 * the output positions before it have been written, as the reference does. {@code input} and
 * {@code output} must be distinct arrays (the interpreter always passes distinct buffers).
 * Thread-safe: each calling thread keeps its own scratch, per kernel instance.
 */
public final class AveragePoolFast implements PoolKernel {

  private final ThreadLocal<Scratch> scratch = new Scratch.PerThread();

  /** A kernel with no scratch allocated yet; each calling thread gets its own on first use. */
  public AveragePoolFast() {}

  @Override
  public void pool(PoolParams params, int batches, byte[] input, byte[] output) {
    final FeatureMap in = params.input();
    final FeatureMap out = params.output();
    final Window window = params.window();
    final int depth = in.depth();
    KernelChecks.checkBuffers(batches, input, in.size(), output, out.size());
    if (batches == 0) {
      return;
    }
    final int activationMin = params.activationMin();
    final int activationMax = params.activationMax();
    final int rowBytes = in.width() * depth;
    // One array: the column sums of the current output row in [0, rowBytes), then one window's
    // channel sums in [rowBytes, rowBytes + depth).
    final int[] ints = scratch.get().ints(rowBytes + depth);
    final int sums = rowBytes;

    int o = 0; // start of the current output run: ((batch * outH + outY) * outW + outX) * depth
    for (int batch = 0; batch < batches; batch++) {
      final int batchBase = batch * in.size();
      for (int outY = 0; outY < out.height(); outY++) {
        final int inYOrigin = outY * window.strideHeight() - window.padTop();
        final int yStart = Math.max(0, -inYOrigin);
        final int yEnd = Math.min(window.filterHeight(), in.height() - inYOrigin);
        final int rows = yEnd - yStart;
        if (rows <= 0) {
          // Every window of this output row is in padding; the reference stops at the first.
          throw KernelChecks.windowEntirelyInPadding(outY, 0);
        }
        sumOfRows(input, batchBase + (inYOrigin + yStart) * rowBytes, rowBytes, rows, ints);
        for (int outX = 0; outX < out.width(); outX++, o += depth) {
          final int inXOrigin = outX * window.strideWidth() - window.padLeft();
          final int xStart = Math.max(0, -inXOrigin);
          final int xEnd = Math.min(window.filterWidth(), in.width() - inXOrigin);
          final int columns = xEnd - xStart;
          if (columns <= 0) {
            throw KernelChecks.windowEntirelyInPadding(outY, outX);
          }
          final int count = rows * columns;
          sumOfColumns(ints, (inXOrigin + xStart) * depth, depth, columns, sums);
          for (int c = 0; c < depth; c++) {
            int average = KernelRounding.divideRoundingHalfAwayFromZero(ints[sums + c], count);
            output[o + c] = (byte) Math.min(Math.max(average, activationMin), activationMax);
          }
        }
      }
    }
  }

  /**
   * {@code sums[i] = sum over r in [0, rows) of input[start + r * rowBytes + i]} for i in [0,
   * rowBytes): the element-wise sum of {@code rows >= 1} consecutive input rows, two rows per pass.
   */
  private static void sumOfRows(byte[] input, int start, int rowBytes, int rows, int[] sums) {
    if (rows == 1) {
      for (int i = 0; i < rowBytes; i++) {
        sums[i] = input[start + i];
      }
      return;
    }
    final int second = start + rowBytes;
    for (int i = 0; i < rowBytes; i++) {
      sums[i] = input[start + i] + input[second + i];
    }
    int r = 2;
    for (; r + 1 < rows; r += 2) {
      final int a = start + r * rowBytes;
      final int b = a + rowBytes;
      for (int i = 0; i < rowBytes; i++) {
        sums[i] += input[a + i] + input[b + i];
      }
    }
    if (r < rows) {
      final int a = start + r * rowBytes;
      for (int i = 0; i < rowBytes; i++) {
        sums[i] += input[a + i];
      }
    }
  }

  /**
   * {@code ints[d + c] = sum over k in [0, columns) of ints[start + k * depth + c]} for c in [0,
   * depth): one window's channel sums from the column sums, two columns per pass. The target
   * range {@code [d, d + depth)} lies beyond the column sums.
   */
  private static void sumOfColumns(int[] ints, int start, int depth, int columns, int d) {
    if (columns == 1) {
      System.arraycopy(ints, start, ints, d, depth);
      return;
    }
    final int second = start + depth;
    for (int c = 0; c < depth; c++) {
      ints[d + c] = ints[start + c] + ints[second + c];
    }
    int k = 2;
    for (; k + 1 < columns; k += 2) {
      final int a = start + k * depth;
      final int b = a + depth;
      for (int c = 0; c < depth; c++) {
        ints[d + c] += ints[a + c] + ints[b + c];
      }
    }
    if (k < columns) {
      final int a = start + k * depth;
      for (int c = 0; c < depth; c++) {
        ints[d + c] += ints[a + c];
      }
    }
  }
}
