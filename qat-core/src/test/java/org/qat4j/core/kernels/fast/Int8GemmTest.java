package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bit-exact equality of every variant and thread count with the long-arithmetic definition
 * ({@link GemmOracle}) on random shapes around every blocking boundary and on the operand
 * extremes where the fp32 bounds are tight.
 */
class Int8GemmTest {

  /** Depths around the vector kernel's k-block (256) and fp32 chunk (1024). */
  private static final int[] DEPTHS = {1, 7, 64, 255, 256, 257, 1023, 1024, 1025, 3000};
  /** Rows: the matrix-vector path (1), odd sizes, below and above a packed block of A (96). */
  private static final int[] ROWS = {1, 2, 3, 5, 9, 97};
  /** Outputs: below, at and past one panel (16 fp32 lanes on AVX2, 32 with AVX-512). */
  private static final int[] OUTPUTS = {1, 3, 17, 33, 35};
  /** Activation zero points: both int8 extremes, zero and a few in between. */
  private static final int[] ZERO_POINTS = {-128, 127, 0, -1, 1, 5};

  static Stream<Arguments> variantsAndThreads() {
    List<Arguments> out = new ArrayList<>();
    for (Int8GemmVariant v : TestVariants.available()) {
      for (int threads : new int[] {1, 2, 3, 7}) {
        out.add(Arguments.of(v, threads));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, {1} threads")
  @MethodSource("variantsAndThreads")
  void randomShapesMatchTheLongReference(Int8GemmVariant variant, int threads) {
    SplittableRandom rnd = new SplittableRandom(0x5EED_0001L + threads);
    try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
      for (int depth : DEPTHS) {
        for (int rows : ROWS) {
          for (int outputs : OUTPUTS) {
            // Deep and tall at once adds little coverage and most of the time: trim.
            if (depth >= 1023 && rows > 9 && outputs > 17) {
              continue;
            }
            int zp = ZERO_POINTS[rnd.nextInt(ZERO_POINTS.length)];
            byte[] a = GemmOracle.randomInt8(rnd, rows * depth, false, false);
            byte[] w = GemmOracle.randomInt8(rnd, outputs * depth, true, rnd.nextBoolean());
            int[] c = new int[rows * outputs];
            gemm.multiply(a, rows, zp, Int8Weights.of(w, outputs, depth), c);
            assertArrayEquals(GemmOracle.multiply(a, rows, zp, w, outputs, depth), c,
                () -> variant + " M=" + rows + " K=" + depth + " N=" + outputs + " zp=" + zp);
          }
        }
      }
    }
  }

  /** Batch 1 with enough work to be split between threads (by outputs) and several fp32 chunks. */
  @ParameterizedTest(name = "{0}, {1} threads")
  @MethodSource("variantsAndThreads")
  void largeBatchOneProductsMatchTheReference(Int8GemmVariant variant, int threads) {
    SplittableRandom rnd = new SplittableRandom(0x5EED_0004L + threads);
    try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
      for (int depth : new int[] {1025, 3000}) {
        for (int outputs : new int[] {301, 1000}) {
          int zp = ZERO_POINTS[rnd.nextInt(ZERO_POINTS.length)];
          byte[] a = GemmOracle.randomInt8(rnd, depth, false, false);
          byte[] w = GemmOracle.randomInt8(rnd, outputs * depth, true, false);
          int[] c = new int[outputs];
          gemm.multiply(a, 1, zp, Int8Weights.of(w, outputs, depth), c);
          assertArrayEquals(GemmOracle.multiply(a, 1, zp, w, outputs, depth), c,
              () -> variant + " K=" + depth + " N=" + outputs);
        }
      }
    }
  }

  /**
   * Every product at its largest magnitude, all of one sign: the fp32 partial sums reach exactly
   * 2^22 (a k-block of 256) and 2^24 (an fp32 chunk of 1024), the tight ends of both bounds, and
   * {@code a - zp} reaches +-255.
   */
  @ParameterizedTest(name = "{0}, {1} threads")
  @MethodSource("variantsAndThreads")
  void extremeOperandsAtEveryBoundMatchTheReference(Int8GemmVariant variant, int threads) {
    int[][] aw = {{-128, -128}, {127, 127}, {-128, 127}, {127, -128}, {-128, -127}, {127, -127}};
    try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
      for (int depth : new int[] {256, 512, 1024, 1025, 2048, 3000}) {
        for (int rows : new int[] {1, 5}) {
          for (int[] pair : aw) {
            for (int zp : new int[] {-128, 0, 127}) {
              int outputs = 19;
              byte[] a = new byte[rows * depth];
              byte[] w = new byte[outputs * depth];
              Arrays.fill(a, (byte) pair[0]);
              Arrays.fill(w, (byte) pair[1]);
              int[] c = new int[rows * outputs];
              gemm.multiply(a, rows, zp, Int8Weights.of(w, outputs, depth), c);
              assertArrayEquals(GemmOracle.multiply(a, rows, zp, w, outputs, depth), c,
                  () -> variant + " a=" + pair[0] + " w=" + pair[1] + " zp=" + zp + " K=" + depth + " M=" + rows);
            }
          }
        }
      }
    }
  }

  /**
   * Large products of one sign and random parity: any fp32 accumulator that sums more products
   * than its bound allows passes 2^24 (or 2^22 with the offset) with odd values and loses bits.
   */
  @ParameterizedTest(name = "{0}, {1} threads")
  @MethodSource("variantsAndThreads")
  void largeSameSignProductsStayExact(Int8GemmVariant variant, int threads) {
    SplittableRandom rnd = new SplittableRandom(0x5EED_0005L + threads);
    try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
      for (int depth : new int[] {300, 1024, 1100, 2049, 5000}) {
        for (int rows : new int[] {1, 6}) {
          for (int sign : new int[] {1, -1}) {
            int outputs = 21;
            byte[] a = new byte[rows * depth];
            byte[] w = new byte[outputs * depth];
            for (int i = 0; i < a.length; i++) {
              a[i] = (byte) (sign * rnd.nextInt(100, 128));
            }
            for (int i = 0; i < w.length; i++) {
              w[i] = (byte) rnd.nextInt(100, 128);
            }
            int[] c = new int[rows * outputs];
            gemm.multiply(a, rows, 0, Int8Weights.of(w, outputs, depth), c);
            assertArrayEquals(GemmOracle.multiply(a, rows, 0, w, outputs, depth), c,
                () -> variant + " K=" + depth + " M=" + rows + " sign=" + sign);
          }
        }
      }
    }
  }

  /** Past K = 65793 the exact sum leaves int32; the result is the int32 accumulator's (wrapped). */
  @ParameterizedTest(name = "{0}, {1} threads")
  @MethodSource("variantsAndThreads")
  void sumsBeyondInt32WrapLikeAnInt32Accumulator(Int8GemmVariant variant, int threads) {
    int depth = 70_001;
    int outputs = 3;
    byte[] w = new byte[outputs * depth];
    Arrays.fill(w, 0, depth, (byte) 127);
    Arrays.fill(w, depth, 2 * depth, (byte) -127);
    Arrays.fill(w, 2 * depth, 3 * depth, (byte) -128);
    Int8Weights weights = Int8Weights.of(w, outputs, depth);
    try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
      for (int rows : new int[] {1, 2}) {
        byte[] a = new byte[rows * depth];
        Arrays.fill(a, (byte) -128);
        int[] c = new int[rows * outputs];
        gemm.multiply(a, rows, 127, weights, c);
        int[] expected = GemmOracle.multiply(a, rows, 127, w, outputs, depth);
        assertArrayEquals(expected, c);
        long exact = -255L * 127 * depth;
        assertTrue(exact < Integer.MIN_VALUE && expected[0] == (int) exact, "the case must wrap");
      }
    }
  }

  /** Offsets and row strides on both A and C; elements of C outside the block stay untouched. */
  @ParameterizedTest(name = "{0}, {1} threads")
  @MethodSource("variantsAndThreads")
  void stridedOperandsMatchAndLeaveTheRestOfCUntouched(Int8GemmVariant variant, int threads) {
    SplittableRandom rnd = new SplittableRandom(0x5EED_0002L);
    try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
      for (int rows : new int[] {1, 4, 13}) {
        int depth = 300;
        int outputs = 21;
        int aOffset = 11;
        int aRowStride = depth + 5;
        int cOffset = 7;
        int cRowStride = outputs + 3;
        byte[] a = GemmOracle.randomInt8(rnd, aOffset + rows * aRowStride, false, false);
        byte[] w = GemmOracle.randomInt8(rnd, outputs * depth, true, false);
        int sentinel = 0xDEAD_BEEF;
        int[] c = new int[cOffset + rows * cRowStride + 4];
        Arrays.fill(c, sentinel);
        gemm.multiply(a, aOffset, aRowStride, rows, -7, Int8Weights.of(w, outputs, depth), c, cOffset, cRowStride);
        int[] expected = GemmOracle.multiply(a, aOffset, aRowStride, rows, -7, w, outputs, depth);
        for (int p = 0; p < c.length; p++) {
          int rel = p - cOffset;
          int i = rel >= 0 ? rel / cRowStride : -1;
          int j = rel >= 0 ? rel % cRowStride : -1;
          boolean inside = i >= 0 && i < rows && j < outputs;
          int want = inside ? expected[i * outputs + j] : sentinel;
          assertEquals(want, c[p], "c[" + p + "] (row " + i + ", column " + j + ")");
        }
      }
    }
  }

  /** The same weights reused for many activations (panels built once) give the same answers. */
  @ParameterizedTest(name = "{0}, {1} threads")
  @MethodSource("variantsAndThreads")
  void weightsAreReusableAcrossCallsAndShapes(Int8GemmVariant variant, int threads) {
    SplittableRandom rnd = new SplittableRandom(0x5EED_0003L);
    int depth = 777;
    int outputs = 50;
    byte[] w = GemmOracle.randomInt8(rnd, outputs * depth, true, false);
    Int8Weights weights = Int8Weights.of(w, outputs, depth);
    try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
      for (int rows : new int[] {1, 40, 2, 1, 7}) {
        byte[] a = GemmOracle.randomInt8(rnd, rows * depth, false, false);
        int zp = rnd.nextInt(-128, 128);
        int[] c = new int[rows * outputs];
        gemm.multiply(a, rows, zp, weights, c);
        assertArrayEquals(GemmOracle.multiply(a, rows, zp, w, outputs, depth), c);
      }
    }
  }
}
