package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qat4j.core.kernels.KernelOracles.between;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qat4j.core.kernels.AveragePoolReference;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.KernelOracles;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.MaxPoolReference;
import org.qat4j.core.kernels.PoolKernel;
import org.qat4j.core.kernels.PoolParams;
import org.qat4j.core.kernels.Window;

/**
 * {@link MaxPoolFast} and {@link AveragePoolFast} against {@link MaxPoolReference} and {@link
 * AveragePoolReference}: byte for byte, on random geometry (the references are checked against
 * an independent oracle in {@code PoolReferenceTest}).
 */
class PoolFastTest {

  private final PoolKernel fastMax = new MaxPoolFast();
  private final PoolKernel fastAverage = new AveragePoolFast();

  @Test
  void bothPoolsEqualTheReferenceOnRandomGeometry() {
    SplittableRandom r = new SplittableRandom(61);
    BitSet strides = new BitSet();
    BitSet filters = new BitSet();
    int partlyPadded = 0;
    for (int trial = 0; trial < 3000; trial++) {
      PoolParams p = randomParams(r, trial, false);
      strides.set(p.window().strideHeight());
      strides.set(p.window().strideWidth());
      filters.set(p.window().filterHeight());
      filters.set(p.window().filterWidth());
      partlyPadded += p.window().padTop() > 0 || p.window().padLeft() > 0 ? 1 : 0;
      int batches = new int[] {0, 1, 3}[trial % 3];
      assertSameAsReference(r, p, batches, "trial " + trial);
    }
    assertEquals(5, strides.cardinality(), "strides 1..5 all tested");
    assertEquals(5, filters.cardinality(), "filters 1..5 all tested");
    assertTrue(partlyPadded > 1000, "windows partly in padding were tested: " + partlyPadded);
  }

  @Test
  void windowsEntirelyInPaddingBehaveAsTheReference() {
    // Padding of a filter's size or more, or outputs beyond what the input fills: whole windows
    // in padding. Max pooling gives the clamped -128 there; average pooling throws the
    // reference's exception after writing the same outputs before that window.
    SplittableRandom r = new SplittableRandom(62);
    int thrown = 0;
    for (int trial = 0; trial < 1500; trial++) {
      PoolParams p = randomParams(r, trial, true);
      int batches = 1 + trial % 3;
      thrown += assertSameAsReference(r, p, batches, "trial " + trial) ? 1 : 0;
    }
    assertTrue(thrown > 300, "average pooling met windows entirely in padding: " + thrown);
  }

  @Test
  void lenetShapesEqualTheReference() {
    SplittableRandom r = new SplittableRandom(63);
    int[][] shapes = {{24, 24, 20}, {8, 8, 50}, {28, 28, 6}, {10, 10, 16}};
    for (int[] s : shapes) {
      for (int[] clamp : new int[][] {{-128, 127}, {-5, 127}, {-128, 100}, {3, 3}}) {
        PoolParams p = new PoolParams(new FeatureMap(s[0], s[1], s[2]), new FeatureMap(s[0] / 2, s[1] / 2, s[2]),
            new Window(2, 2, 2, 2, 1, 1, 0, 0), clamp[0], clamp[1]);
        assertSameAsReference(r, p, 3, s[0] + "x" + s[1] + "x" + s[2] + " clamp " + clamp[0] + ".." + clamp[1]);
      }
    }
  }

  @Test
  void extremeValuesAndTiesEqualTheReference() {
    // Inputs only at the int8 ends (largest sums, -128 everywhere so the max starts from it) and
    // windows of 2 and 4 values where half the sums are ties.
    SplittableRandom r = new SplittableRandom(64);
    for (int trial = 0; trial < 300; trial++) {
      PoolParams p = randomParams(r, trial, false);
      int batches = 1 + trial % 3;
      int size = batches * p.input().size();
      byte[] input = new byte[size];
      for (int i = 0; i < size; i++) {
        input[i] = switch (trial % 3) {
          case 0 -> (byte) (r.nextBoolean() ? -128 : 127);
          case 1 -> (byte) -128;
          default -> (byte) between(r, -2, 1);
        };
      }
      assertSameOutputs(p, batches, input, r, "trial " + trial);
    }
  }

  @Test
  void scratchIsReusedAcrossShapesAndThreads() throws Exception {
    // One instance, many threads, shapes of different widths interleaved: a scratch row left
    // over from a wider call must never leak into a narrower one.
    SplittableRandom seeds = new SplittableRandom(65);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int task = 0; task < 6; task++) {
        long seed = seeds.nextLong();
        done.add(pool.submit(() -> {
          SplittableRandom r = new SplittableRandom(seed);
          for (int trial = 0; trial < 300; trial++) {
            assertSameAsReference(r, randomParams(r, trial, false), 1 + trial % 3, "seed " + seed + ", trial " + trial);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badBuffersAndEmptyBatchesBehaveAsTheReference() {
    PoolParams p = new PoolParams(new FeatureMap(4, 4, 3), new FeatureMap(2, 2, 3), new Window(2, 2, 2, 2, 1, 1, 0, 0),
        -128, 127);
    PoolKernel[] references = {KernelSet.reference().maxPool(), KernelSet.reference().averagePool()};
    PoolKernel[] fast = {fastMax, fastAverage};
    for (int k = 0; k < 2; k++) {
      PoolKernel reference = references[k];
      PoolKernel kernel = fast[k];
      for (int[] lengths : new int[][] {{47, 24}, {96, 23}}) {
        IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
            () -> reference.pool(p, 2, new byte[lengths[0]], new byte[lengths[1]]));
        IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
            () -> kernel.pool(p, 2, new byte[lengths[0]], new byte[lengths[1]]));
        assertEquals(expected.getMessage(), actual.getMessage());
      }
      IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
          () -> kernel.pool(p, -1, new byte[48], new byte[12]));
      assertEquals("batch count -1 must be non-negative", negative.getMessage());
      byte[] untouched = {1, 2, 3};
      kernel.pool(p, 0, new byte[0], untouched);
      assertArrayEquals(new byte[] {1, 2, 3}, untouched);
    }
  }

  @Test
  void fastKernelSetsUseTheFastPools() {
    try (Int8Gemm gemm = Int8Gemm.create(1)) {
      KernelSet set = FastKernels.kernelSet(gemm);
      assertInstanceOf(MaxPoolFast.class, set.maxPool());
      assertInstanceOf(AveragePoolFast.class, set.averagePool());
    }
    KernelSet shared = FastKernels.shared();
    assertInstanceOf(MaxPoolFast.class, shared.maxPool());
    assertInstanceOf(AveragePoolFast.class, shared.averagePool());
  }

  /**
   * Random pooling geometry: filters 1..5 and strides 1..5 per axis (every stride in turn on the
   * height axis), depths 1..70 (sometimes 1 or a prime), padding up to the filter size minus one
   * per side, or, with {@code wholeWindowsInPadding}, padding up to twice the filter and up to 3
   * extra output rows and columns, and a random clamp: none, a raised minimum, a lowered maximum
   * or both.
   */
  private static PoolParams randomParams(SplittableRandom r, int trial, boolean wholeWindowsInPadding) {
    while (true) {
      int kh = between(r, 1, 5);
      int kw = between(r, 1, 5);
      int sh = 1 + trial % 5;
      int sw = between(r, 1, 5);
      int h = between(r, 1, 12);
      int w = between(r, 1, 12);
      int c = switch (trial % 4) {
        case 0 -> 1;
        case 1 -> new int[] {3, 7, 31, 67}[r.nextInt(4)];
        default -> between(r, 1, 70);
      };
      int maxPad = wholeWindowsInPadding ? 2 : 1;
      int pt = between(r, 0, maxPad * kh - 1);
      int pb = between(r, 0, maxPad * kh - 1);
      int pl = between(r, 0, maxPad * kw - 1);
      int pr = between(r, 0, maxPad * kw - 1);
      int oh = KernelOracles.outSize(h, pt, pb, kh, sh, 1);
      int ow = KernelOracles.outSize(w, pl, pr, kw, sw, 1);
      if (wholeWindowsInPadding) {
        oh += r.nextInt(4);
        ow += r.nextInt(4);
      }
      if (oh == 0 || ow == 0) {
        continue;
      }
      int min = r.nextInt(3) == 0 ? between(r, -128, 127) : -128;
      int max = r.nextInt(3) == 0 ? between(r, min, 127) : 127;
      return new PoolParams(new FeatureMap(h, w, c), new FeatureMap(oh, ow, c), new Window(kh, kw, sh, sw, 1, 1, pt, pl),
          min, max);
    }
  }

  /** Random input; returns whether the average pool threw (and the fast one threw the same). */
  private boolean assertSameAsReference(SplittableRandom r, PoolParams p, int batches, String message) {
    byte[] input = KernelOracles.bytes(r, batches * p.input().size() + r.nextInt(3), -128, 127);
    return assertSameOutputs(p, batches, input, r, message);
  }

  /**
   * Runs both kernels of each kind into outputs pre-filled with the same random bytes (and
   * sometimes longer than needed), so that every written and every untouched byte is compared;
   * an exception must be the reference's.
   */
  private boolean assertSameOutputs(PoolParams p, int batches, byte[] input, SplittableRandom r, String message) {
    byte[] canvas = KernelOracles.bytes(r, batches * p.output().size() + r.nextInt(3), -128, 127);
    byte[] expected = canvas.clone();
    byte[] actual = canvas.clone();
    MaxPoolReference.maxPool(p, batches, input, expected);
    fastMax.pool(p, batches, input, actual);
    assertArrayEquals(expected, actual, "max, " + message + ": " + p + " x" + batches);

    expected = canvas.clone();
    actual = canvas.clone();
    String expectedError = null;
    try {
      AveragePoolReference.averagePool(p, batches, input, expected);
    } catch (IllegalArgumentException e) {
      expectedError = e.getMessage();
    }
    String actualError = null;
    try {
      fastAverage.pool(p, batches, input, actual);
    } catch (IllegalArgumentException e) {
      actualError = e.getMessage();
    }
    assertEquals(expectedError, actualError, "average, " + message + ": " + p + " x" + batches);
    assertArrayEquals(expected, actual, "average, " + message + ": " + p + " x" + batches);
    return expectedError != null;
  }
}
