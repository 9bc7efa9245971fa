package org.qat4j.core.kernels.fast;

import java.util.Arrays;
import java.util.Objects;
import org.qat4j.core.kernels.Conv2DKernel;
import org.qat4j.core.kernels.Conv2DPerChannelReference;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.KernelChecks;
import org.qat4j.core.kernels.OutputStage;
import org.qat4j.core.kernels.Window;

/**
 * Per-channel 2-D convolution as im2col, one {@link Int8Gemm} product and the shared {@link
 * OutputStage}: byte-identical to {@link Conv2DPerChannelReference}.
 *
 * <p>im2col: each output position {@code (b, oy, ox)} becomes one row of A holding its window's
 * taps in the filter's {@code [fy][fx][inC]} order, so row {@code o} of the filter array is
 * already row {@code o} of B. A tap outside the image is filled with the input zero point, which
 * the GEMM subtracts: it contributes {@code w * 0}, exactly as the reference skipping it does. A
 * 1x1, stride-1, unpadded convolution needs no copy: the NHWC input is already A.
 *
 * <p>Rows are processed in chunks ({@link Scratch#CHUNK_BYTES}) so the working arrays stay
 * bounded whatever the batch. Weights are prepared once per parameter record. Thread-safe as
 * {@link FullyConnectedFast} is.
 */
public final class Conv2DFast implements Conv2DKernel {

  private final Int8Gemm gemm;
  private final PreparedWeights<ConvParams> weights = new PreparedWeights<>(p -> Int8Weights.of(p.filter(),
      p.output().depth(), p.window().filterHeight() * p.window().filterWidth() * p.input().depth()));
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
    Int8Weights b = weights.of(params);
    OutputStage stage = params.stage();
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
      stage.applyRows(acc, 0, rows, output, row * channels);
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
    final int positions = out.height() * out.width();
    final byte zeroPoint = (byte) -p.inputOffset(); // in [-128, 127]: the padding value
    int dst = 0;
    for (int row = firstRow; row < firstRow + rows; row++) {
      int batch = row / positions;
      int position = row - batch * positions;
      int outY = position / out.width();
      int outX = position - outY * out.width();
      int inYOrigin = outY * w.strideHeight() - w.padTop();
      int inXOrigin = outX * w.strideWidth() - w.padLeft();
      int batchBase = batch * in.size();
      for (int fy = 0; fy < w.filterHeight(); fy++) {
        int inY = inYOrigin + w.dilationHeight() * fy;
        boolean rowInside = inY >= 0 && inY < in.height();
        for (int fx = 0; fx < w.filterWidth(); fx++, dst += inDepth) {
          int inX = inXOrigin + w.dilationWidth() * fx;
          if (rowInside && inX >= 0 && inX < in.width()) {
            System.arraycopy(input, batchBase + (inY * in.width() + inX) * inDepth, columns, dst, inDepth);
          } else {
            Arrays.fill(columns, dst, dst + inDepth, zeroPoint);
          }
        }
      }
    }
  }
}
