package org.qat4j.core.kernels.fast;

import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.Window;

/**
 * im2col for {@link Conv2DFast}: row {@code (b * outH + oy) * outW + ox} of the matrix holds the
 * taps of that output position's window in the filter's {@code [fy][fx][inC]} order, a tap
 * outside the image holding the input zero point.
 *
 * <p>Two ways to fill it, chosen by the input's depth. With several channels, the taps of one
 * filter row that fall inside the image are adjacent in the NHWC input, so each filter row is
 * one copy. With one channel (a grayscale image entering the first layer) those copies would be
 * a few bytes each and their overhead would dominate, so the matrix is filled one tap column at
 * a time instead: for a fixed tap and output row, consecutive positions read the input with the
 * stride's step and write the matrix with the row length's step, in one plain loop.
 */
final class Im2col {

  private Im2col() {}

  /**
   * Writes rows {@code [firstRow, firstRow + rows)} of the im2col matrix to {@code columns},
   * starting at index 0.
   */
  static void rows(ConvParams p, byte[] input, int firstRow, int rows, byte[] columns) {
    if (p.input().depth() == 1) {
      byTapColumns(p, input, firstRow, rows, columns);
    } else {
      byFilterRows(p, input, firstRow, rows, columns);
    }
  }

  /** The one-channel fill: see the class comment. */
  private static void byTapColumns(ConvParams p, byte[] input, int firstRow, int rows, byte[] columns) {
    final FeatureMap in = p.input();
    final FeatureMap out = p.output();
    final Window w = p.window();
    final int taps = w.filterHeight() * w.filterWidth(); // the row length, one channel
    final int outW = out.width();
    final int positions = out.height() * outW;
    final byte zeroPoint = (byte) -p.inputOffset();
    final int endRow = firstRow + rows;
    // One segment per (batch, output row) met in [firstRow, endRow).
    for (int segment = firstRow; segment < endRow; ) {
      int batch = segment / positions;
      int outY = (segment - batch * positions) / outW;
      int rowStart = batch * positions + outY * outW; // matrix row of (batch, outY, 0)
      int oxFrom = segment - rowStart;
      int oxTo = Math.min(outW, endRow - rowStart);
      int dstRow = (rowStart - firstRow) * taps; // may be negative: only ox >= oxFrom are written
      for (int fy = 0; fy < w.filterHeight(); fy++) {
        int inY = outY * w.strideHeight() - w.padTop() + fy * w.dilationHeight();
        boolean rowInside = inY >= 0 && inY < in.height();
        int srcRow = batch * in.size() + inY * in.width();
        for (int fx = 0; fx < w.filterWidth(); fx++) {
          int tap = fy * w.filterWidth() + fx;
          // inX = ox * strideW + xShift is inside for ox in [insideFrom, insideTo).
          int xShift = fx * w.dilationWidth() - w.padLeft();
          int insideFrom = rowInside ? Math.max(oxFrom, ceilDiv(-xShift, w.strideWidth())) : oxTo;
          int insideTo = rowInside ? Math.min(oxTo, ceilDiv(in.width() - xShift, w.strideWidth())) : oxTo;
          insideFrom = Math.min(insideFrom, oxTo);
          insideTo = Math.max(insideTo, insideFrom);
          int ox = oxFrom;
          for (; ox < insideFrom; ox++) {
            columns[dstRow + ox * taps + tap] = zeroPoint;
          }
          int src = srcRow + xShift;
          for (; ox < insideTo; ox++) {
            columns[dstRow + ox * taps + tap] = input[src + ox * w.strideWidth()];
          }
          for (; ox < oxTo; ox++) {
            columns[dstRow + ox * taps + tap] = zeroPoint;
          }
        }
      }
      segment = rowStart + oxTo;
    }
  }

  /** {@code ceil(a / b)} for {@code b > 0}; {@code Math.floorDiv} rounds the other way. */
  private static int ceilDiv(int a, int b) {
    return -Math.floorDiv(-a, b);
  }

  /** The several-channel fill: one copy per filter row. */
  private static void byFilterRows(ConvParams p, byte[] input, int firstRow, int rows, byte[] columns) {
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
