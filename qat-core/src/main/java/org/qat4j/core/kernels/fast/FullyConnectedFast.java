package org.qat4j.core.kernels.fast;

import java.util.Objects;
import org.qat4j.core.kernels.FullyConnectedKernel;
import org.qat4j.core.kernels.FullyConnectedParams;
import org.qat4j.core.kernels.FullyConnectedReference;
import org.qat4j.core.kernels.KernelChecks;
import org.qat4j.core.kernels.OutputStage;

/**
 * Fully connected layer as one {@link Int8Gemm} product over the batch followed by {@link
 * Requantizer}, the fast twin of {@link OutputStage}: byte-identical to {@link
 * FullyConnectedReference}.
 *
 * <p>The GEMM computes {@code sum_k (x[b][k] - zp_in) * w[o][k]} in int32 (wrapping exactly as the
 * reference's int32 accumulator does), with {@code zp_in = -inputOffset}; bias, requantization and
 * clamping are {@link Requantizer#applyRows}, which writes what the reference's {@link
 * OutputStage#apply(int, int)} does.
 *
 * <p>Weights and output stage are prepared ({@link PreparedOp}) on the first call for each
 * parameter record and reused afterwards. Thread-safe: the cache is synchronized and working
 * arrays are per thread; the {@link Int8Gemm} is shared and is itself thread-safe.
 */
public final class FullyConnectedFast implements FullyConnectedKernel {

  private final Int8Gemm gemm;
  private final PreparedOps<FullyConnectedParams> prepared = new PreparedOps<>(p -> new PreparedOp(
      Int8Weights.of(p.weights(), p.outputDepth(), p.accumulationDepth()), Requantizer.of(p.output())));
  private final ThreadLocal<Scratch> scratch = new Scratch.PerThread();

  /** A kernel that multiplies with {@code gemm} (its variant and threads). */
  public FullyConnectedFast(Int8Gemm gemm) {
    this.gemm = Objects.requireNonNull(gemm, "gemm");
  }

  @Override
  public void fullyConnected(FullyConnectedParams params, int batches, byte[] input, byte[] output) {
    final int depth = params.accumulationDepth();
    final int outputs = params.outputDepth();
    KernelChecks.checkBuffers(batches, input, depth, output, outputs);
    if (batches == 0) {
      return;
    }
    PreparedOp op = prepared.of(params);
    Int8Weights b = op.weights();
    Requantizer stage = op.requantizer();
    int chunk = Scratch.rowsPerChunk(batches, 0, outputs * Integer.BYTES);
    int[] acc = scratch.get().ints(chunk * outputs);
    for (int row = 0; row < batches; row += chunk) {
      int rows = Math.min(chunk, batches - row);
      // The input rows are already the A matrix: no copy.
      gemm.multiply(input, row * depth, depth, rows, -params.inputOffset(), b, acc, 0, outputs);
      gemm.requantize(stage, acc, 0, rows, output, row * outputs);
    }
  }

  /** Ops whose weights this kernel has prepared and still holds (for tests of the cache). */
  int preparedOps() {
    return prepared.size();
  }
}
