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
 * <p>{@link Im2col} turns each output position into one row of A, its window's taps in the
 * filter's {@code [fy][fx][inC]} order, so row {@code o} of the filter array is already row
 * {@code o} of B. A tap outside the image holds the input zero point, which the GEMM subtracts:
 * it contributes {@code w * 0}, exactly as the reference skipping it does. A 1x1, stride-1,
 * unpadded convolution needs no copy: the NHWC input is already A.
 *
 * <p>Rows are processed in chunks ({@link Scratch#CHUNK_BYTES}) so the working arrays stay
 * bounded whatever the batch. Weights and output stage are prepared once per parameter record.
 * Thread-safe as {@link FullyConnectedFast} is.
 */
public final class Conv2DFast implements Conv2DKernel {

  private final Int8Gemm gemm;
  private final PreparedOps<ConvParams> prepared = new PreparedOps<>(p -> new PreparedOp(Int8Weights.of(p.filter(),
      p.output().depth(), p.window().filterHeight() * p.window().filterWidth() * p.input().depth()),
      Requantizer.of(p.stage())));
  private final ThreadLocal<Scratch> scratch = new Scratch.PerThread();

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
        Im2col.rows(params, input, row, rows, columns);
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
}
