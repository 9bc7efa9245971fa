package org.qat4j.core.kernels.fast;

import java.util.Arrays;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.KernelChecks;
import org.qat4j.core.kernels.MaxPoolReference;
import org.qat4j.core.kernels.PoolKernel;
import org.qat4j.core.kernels.PoolParams;
import org.qat4j.core.kernels.Window;

/**
 * Int8 max pooling byte-identical to {@link MaxPoolReference}, in two passes over contiguous
 * channel runs.
 *
 * <p>The reference walks one channel's window at a time, recomputing a strided NHWC index per
 * tap. Here a window's maximum is taken in two steps, which the max allows because it is exact
 * and independent of grouping and order: for each output row, first the maximum over the
 * window's in-image input rows, for every column and channel at once (one long run of {@code
 * width * depth} bytes per row, into a per-thread scratch row); then, for each output position,
 * the maximum over its in-image columns of that scratch row ({@code depth} contiguous bytes per
 * column). Both steps fold two runs per pass ({@link #maxOfRuns}), so every innermost loop reads
 * consecutive bytes and does a single pass of loads, maxima and one store. A window whose rows
 * are a single input row reads the input directly. The activation clamp is applied last, as the
 * reference does.
 *
 * <p>Window clipping is the reference's: rows {@code [yStart, yEnd)} and columns {@code [xStart,
 * xEnd)} of the filter lie inside the image, padding is skipped, and a window entirely in
 * padding yields -128 before clamping. {@code input} and {@code output} must be distinct arrays
 * (the interpreter always passes distinct buffers). Thread-safe: each calling thread keeps its
 * own scratch row, per kernel instance.
 */
public final class MaxPoolFast implements PoolKernel {

  private final ThreadLocal<Scratch> scratch = new Scratch.PerThread();

  /** A kernel with no scratch allocated yet; each calling thread gets its own on first use. */
  public MaxPoolFast() {}

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
    // With the full int8 range the clamp changes nothing: skip its pass.
    final boolean clamps = activationMin > Byte.MIN_VALUE || activationMax < Byte.MAX_VALUE;
    final byte emptyWindow = (byte) Math.min(Math.max(Byte.MIN_VALUE, activationMin), activationMax);
    final int rowBytes = in.width() * depth;
    final byte[] rowMax = scratch.get().bytes(rowBytes);

    int o = 0; // start of the current output run: ((batch * outH + outY) * outW + outX) * depth
    for (int batch = 0; batch < batches; batch++) {
      final int batchBase = batch * in.size();
      for (int outY = 0; outY < out.height(); outY++) {
        final int inYOrigin = outY * window.strideHeight() - window.padTop();
        final int yStart = Math.max(0, -inYOrigin);
        final int yEnd = Math.min(window.filterHeight(), in.height() - inYOrigin);
        final int rows = yEnd - yStart;
        if (rows <= 0) { // every window of this output row lies in padding
          int end = o + out.width() * depth;
          Arrays.fill(output, o, end, emptyWindow);
          o = end;
          continue;
        }
        // Columns of this output row's windows, maximized over the in-image rows: src[base + x * depth + c].
        final int firstRow = batchBase + (inYOrigin + yStart) * rowBytes;
        final byte[] src;
        final int base;
        if (rows == 1) {
          src = input;
          base = firstRow;
        } else {
          maxOfRuns(input, firstRow, rowBytes, rows, rowBytes, rowMax, 0);
          src = rowMax;
          base = 0;
        }
        for (int outX = 0; outX < out.width(); outX++, o += depth) {
          final int inXOrigin = outX * window.strideWidth() - window.padLeft();
          final int xStart = Math.max(0, -inXOrigin);
          final int xEnd = Math.min(window.filterWidth(), in.width() - inXOrigin);
          if (xStart >= xEnd) {
            Arrays.fill(output, o, o + depth, emptyWindow);
            continue;
          }
          maxOfRuns(src, base + (inXOrigin + xStart) * depth, depth, xEnd - xStart, depth, output, o);
          if (clamps) {
            clampRun(output, o, depth, activationMin, activationMax);
          }
        }
      }
    }
  }

  /**
   * {@code dst[d + i] = max over k in [0, count) of src[start + k * step + i]} for i in [0, len):
   * the element-wise maximum of {@code count >= 1} runs of {@code len} bytes, {@code step} apart.
   * The runs are folded two at a time, so each pass over {@code dst} reads it at most once.
   */
  static void maxOfRuns(byte[] src, int start, int step, int count, int len, byte[] dst, int d) {
    if (count == 1) {
      System.arraycopy(src, start, dst, d, len);
      return;
    }
    final int second = start + step;
    for (int i = 0; i < len; i++) {
      dst[d + i] = (byte) Math.max(src[start + i], src[second + i]);
    }
    int k = 2;
    for (; k + 1 < count; k += 2) {
      final int a = start + k * step;
      final int b = a + step;
      for (int i = 0; i < len; i++) {
        dst[d + i] = (byte) Math.max(dst[d + i], Math.max(src[a + i], src[b + i]));
      }
    }
    if (k < count) {
      final int a = start + k * step;
      for (int i = 0; i < len; i++) {
        dst[d + i] = (byte) Math.max(dst[d + i], src[a + i]);
      }
    }
  }

  /** Clamps {@code n} bytes from {@code run[start]} to {@code [min, max]}, as the reference's final clamp. */
  private static void clampRun(byte[] run, int start, int n, int min, int max) {
    for (int c = 0; c < n; c++) {
      run[start + c] = (byte) Math.min(Math.max(run[start + c], min), max);
    }
  }
}
