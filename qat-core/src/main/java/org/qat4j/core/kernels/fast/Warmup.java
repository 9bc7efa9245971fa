package org.qat4j.core.kernels.fast;

import java.util.EnumSet;
import java.util.Set;
import org.qat4j.core.kernels.OutputStage;

/**
 * Runs a kernel on small shapes until HotSpot's C2 has compiled its loops. Vector API code runs
 * 10-1000 times slower in the interpreter and C1, where vectors are objects; C2 compiles a
 * method after a few thousand calls, or a few hundred calls with long loops.
 *
 * <p>The shapes are chosen so that C2 sees both sides of every branch: one with edge tiles, an
 * odd depth and loop tails everywhere; one with none and a full block of k, so that the
 * micro-kernel is compiled from the profile of real layers (measured 20-30% faster than when it
 * is compiled from short blocks only); and, now and then, shapes tall and deep enough to repeat
 * every blocking loop (more rows than a packed block of A, more depth than a block of k and than
 * an fp32 chunk). A branch never taken while profiling is compiled as a trap, and hitting it
 * later throws the method back to the interpreter until it is compiled again.
 */
final class Warmup {

  /** Calls per shape: enough for C2 with room to spare, few enough to take well under a second. */
  static final int REPETITIONS = 500;

  /**
   * The tall and deep shapes run once every this many repetitions, first when the small ones
   * have been compiled: their branch profile matters, not their time.
   */
  private static final int RARE_PERIOD = 50;

  private static final Set<Int8GemmVariant> WARMED = EnumSet.noneOf(Int8GemmVariant.class);

  private Warmup() {}

  static void run(GemmKernel kernel) {
    synchronized (WARMED) {
      if (WARMED.contains(kernel.variant())) {
        return;
      }
      int width = kernel.panelWidth();
      Shape ragged = new Shape(9, 69, 2 * width + 3);
      Shape aligned = new Shape(8, ExactFloatChunk.MAX_OFFSET_PRODUCTS, 2 * width);
      Shape tall = new Shape(100, 300, 1);
      Shape deep = new Shape(1, 1100, 5);
      for (int r = 1; r <= REPETITIONS; r++) {
        ragged.run(kernel);
        aligned.run(kernel);
        if (r % RARE_PERIOD == 0) {
          tall.run(kernel);
          deep.run(kernel);
        }
      }
      WARMED.add(kernel.variant());
    }
  }

  /** One product shape with fixed pseudo-random operands. */
  private static final class Shape {
    final int rows;
    final int depth;
    final int outputs;
    final byte[] a;
    final Int8Weights b;
    final int[] c;
    final Requantizer stage;
    final byte[] out;

    Shape(int rows, int depth, int outputs) {
      this.rows = rows;
      this.depth = depth;
      this.outputs = outputs;
      this.a = new byte[rows * depth];
      byte[] w = new byte[outputs * depth];
      for (int i = 0; i < a.length; i++) {
        a[i] = (byte) (i * 31 + 7);
      }
      for (int i = 0; i < w.length; i++) {
        w[i] = (byte) (i * 17 - 3);
      }
      this.b = Int8Weights.of(w, outputs, depth);
      this.c = new int[rows * outputs];
      int[] bias = new int[outputs];
      int[] multipliers = new int[outputs];
      int[] shifts = new int[outputs];
      for (int j = 0; j < outputs; j++) {
        bias[j] = j * 101 - 500;
        multipliers[j] = (1 << 30) + j * 12345;
        shifts[j] = -(j % 12);
      }
      this.stage = Requantizer.of(new OutputStage(3, bias, multipliers, shifts, -128, 127));
      this.out = new byte[rows * outputs];
    }

    void run(GemmKernel kernel) {
      kernel.gemm(a, 0, depth, 0, rows, b, 0, outputs, c, 0, outputs);
      kernel.gemv(a, 0, b, 0, outputs, c, 0);
      kernel.requantize(stage, c, 0, rows, out, 0);
    }
  }
}
