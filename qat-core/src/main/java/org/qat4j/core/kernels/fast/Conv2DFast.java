package org.qat4j.core.kernels.fast;

import java.util.Objects;
import org.qat4j.core.kernels.Conv2DKernel;
import org.qat4j.core.kernels.Conv2DPerChannelReference;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.KernelChecks;
import org.qat4j.core.kernels.OutputStage;
import org.qat4j.core.kernels.Window;

/**
 * Per-channel 2-D convolution as im2col, one {@link Int8Gemm} product and {@link Requantizer},
 * the fast twin of {@link OutputStage}: byte-identical to {@link Conv2DPerChannelReference}.
 *
 * <p>im2col: each output position {@code (b, oy, ox)} becomes one row of A holding its window's
 * taps in the filter's {@code [fy][fx][inC]} order, so row {@code o} of the filter array is
 * already row {@code o} of B. A tap outside the image is filled with the input zero point, which
 * the GEMM subtracts: it contributes {@code w * 0}, exactly as the reference skipping it does. A
 * 1x1, stride-1, unpadded convolution needs no copy: the NHWC input is already A. Without
 * dilation, the taps of one filter row that fall inside the image are adjacent in the NHWC input,
 * so each filter row is one copy.
 *
 * <p>Rows are processed in chunks ({@link Scratch#CHUNK_BYTES}) so the working arrays stay
 * bounded whatever the batch. Weights and output stage are prepared once per parameter record. Thread-safe as
 * {@link FullyConnectedFast} is.
 */
public final class Conv2DFast implements Conv2DKernel {

  private final Int8Gemm gemm;
  private final PreparedOps<ConvParams> prepared = new PreparedOps<>(p -> new PreparedOp(Int8Weights.of(p.filter(),
      p.output().depth(), p.window().filterHeight() * p.window().filterWidth() * p.input().depth()),
      Requantizer.of(p.stage())));
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** A kernel that multiplies with {@code gemm} (its variant and threads). */
  public Conv2DFast(Int8Gemm gemm) {
    this.gemm = Objects.requireNonNull(gemm, "gemm");
  }

  @Override
  public void conv2D(ConvParams params, int batches, byte[] input, byte[] output) {
    final FeatureMap in = params.input();
    final FeatureMap out = params.output();
    KernelChecks.checkBuffers(batches, input, in.size(), output, out.size());
    if (batches == 0) {
      return;
    }
    final Window window = params.window();
    final int depth = window.filterHeight() * window.filterWidth() * in.depth();
    final int channels = out.depth();
    final int zeroPoint = -params.inputOffset();
    final int positions = out.height() * out.width();
    final int totalRows = batches * positions;
    PreparedOp op = prepared.of(params);
    Int8Weights b = op.weights();
    Requantizer stage = op.requantizer();
    boolean direct = isPointwise(params);
    int chunk = Scratch.rowsPerChunk(totalRows, direct ? 0 : depth, channels * Integer.BYTES);
    Scratch s = scratch.get();
    int[] acc = s.ints(chunk * channels);
    byte[] columns = direct ? input : s.bytes(chunk * depth);
    for (int row = 0; row < totalRows; row += chunk) {
      int rows = Math.min(chunk, totalRows - row);
      int aOffset = row * depth;
      if (!direct) {
        im2col(params, input, row, rows, columns);
        aOffset = 0;
      }
      gemm.multiply(columns, aOffset, depth, rows, zeroPoint, b, acc, 0, channels);
      gemm.requantize(stage, acc, 0, rows, output, row * channels);
    }
  }

  /** A 1x1 window, stride 1, no padding: output position i reads exactly input position i. */
  private static boolean isPointwise(ConvParams p) {
    Window w = p.window();
    return w.filterHeight() == 1 && w.filterWidth() == 1 && w.strideHeight() == 1 && w.strideWidth() == 1
        && w.padTop() == 0 && w.padLeft() == 0
        && p.output().height() == p.input().height() && p.output().width() == p.input().width();
  }

  /**
   * Writes rows {@code [firstRow, firstRow + rows)} of the im2col matrix (row = {@code (b * outH +
   * oy) * outW + ox}) to {@code columns}, starting at index 0.
   */
  private static void im2col(ConvParams p, byte[] input, int firstRow, int rows, byte[] columns) {
    final FeatureMap in = p.input();
    final FeatureMap out = p.output();
    final Window w = p.window();
    final int inDepth = in.depth();
    final int rowBytes = w.filterWidth() * inDepth; // one filter row of taps
    final int positions = out.height() * out.width();
    final byte zeroPoint = (byte) -p.inputOffset(); // in [-128, 127]: the padding value
    // Position of the first row, then advanced by counting: no division per row.
    int batch = firstRow / positions;
    int outY = (firstRow - batch * positions) / out.width();
    int outX = firstRow - batch * positions - outY * out.width();
    int dst = 0;
    for (int row = 0; row < rows; row++) {
      int inYOrigin = outY * w.strideHeight() - w.padTop();
      int inXOrigin = outX * w.strideWidth() - w.padLeft();
      int batchBase = batch * in.size();
      // Taps [fxFrom, fxTo) of a filter row lie inside the image horizontally (dilation 1).
      int fxFrom = Math.min(w.filterWidth(), Math.max(0, -inXOrigin));
      int fxTo = Math.max(fxFrom, Math.min(w.filterWidth(), in.width() - inXOrigin));
      for (int fy = 0; fy < w.filterHeight(); fy++, dst += rowBytes) {
        int inY = inYOrigin + w.dilationHeight() * fy;
        if (inY < 0 || inY >= in.height()) {
          fill(columns, dst, rowBytes, zeroPoint);
        } else if (w.dilationWidth() == 1) {
          int before = fxFrom * inDepth;
          int inside = (fxTo - fxFrom) * inDepth;
          fill(columns, dst, before, zeroPoint);
          copy(input, batchBase + (inY * in.width() + inXOrigin + fxFrom) * inDepth, columns, dst + before, inside);
          fill(columns, dst + before + inside, rowBytes - before - inside, zeroPoint);
        } else {
          for (int fx = 0, tap = dst; fx < w.filterWidth(); fx++, tap += inDepth) {
            int inX = inXOrigin + w.dilationWidth() * fx;
            if (inX >= 0 && inX < in.width()) {
              copy(input, batchBase + (inY * in.width() + inX) * inDepth, columns, tap, inDepth);
            } else {
              fill(columns, tap, inDepth, zeroPoint);
            }
          }
        }
      }
      if (++outX == out.width()) {
        outX = 0;
        if (++outY == out.height()) {
          outY = 0;
          batch++;
        }
      }
    }
  }

  /** {@code length} padding bytes from {@code to}; most filter rows need none, at no cost. */
  private static void fill(byte[] dst, int to, int length, byte value) {
    for (int i = 0; i < length; i++) {
      dst[to + i] = value;
    }
  }

  /**
   * {@code System.arraycopy} for long runs, a plain loop for short ones: a 1-channel 5x5 filter
   * copies 5 bytes at a time, where the call costs more than the copy.
   */
  private static void copy(byte[] src, int from, byte[] dst, int to, int length) {
    if (length >= 32) {
      System.arraycopy(src, from, dst, to, length);
    } else {
      for (int i = 0; i < length; i++) {
        dst[to + i] = src[from + i];
      }
    }
  }
}
