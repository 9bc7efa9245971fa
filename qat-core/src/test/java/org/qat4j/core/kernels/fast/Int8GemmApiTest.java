package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Kernel selection, argument checks, threads, warm-up and close. */
class Int8GemmApiTest {

  private static final SplittableRandom RND = new SplittableRandom(0x5EED_0010L);
  private static final byte[] W = GemmOracle.randomInt8(RND, 6 * 10, true, false);
  private static final Int8Weights WEIGHTS = Int8Weights.of(W, 6, 10);

  @Test
  void vectorKernelIsTheDefaultWhenTheModuleIsPresent() {
    assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "this JVM runs without --add-modules jdk.incubator.vector (the forked test covers that)");
    assertTrue(Int8GemmVariant.VECTOR_FLOAT_FMA.isAvailable(), Int8Gemm.vectorApiStatus());
    assertEquals(Int8GemmVariant.VECTOR_FLOAT_FMA, Int8Gemm.defaultVariant());
    try (Int8Gemm gemm = Int8Gemm.create(1)) {
      assertEquals(Int8GemmVariant.VECTOR_FLOAT_FMA, gemm.variant());
    }
  }

  @Test
  void propertyFalseForcesTheScalarKernel() {
    String old = System.getProperty("qat4j.kernels.vector");
    System.setProperty("qat4j.kernels.vector", "false");
    try (Int8Gemm gemm = Int8Gemm.create(2)) {
      assertEquals(Int8GemmVariant.SCALAR, gemm.variant());
      assertEquals(Int8GemmVariant.SCALAR, Int8Gemm.defaultVariant());
      byte[] a = GemmOracle.randomInt8(RND, 3 * 10, false, false);
      int[] c = new int[3 * 6];
      gemm.multiply(a, 3, 9, WEIGHTS, c);
      assertArrayEquals(GemmOracle.multiply(a, 3, 9, W, 6, 10), c);
    } finally {
      if (old == null) {
        System.clearProperty("qat4j.kernels.vector");
      } else {
        System.setProperty("qat4j.kernels.vector", old);
      }
    }
  }

  @Test
  void threadCountDefaultsToAvailableProcessorsAndIsChecked() {
    try (Int8Gemm gemm = Int8Gemm.create()) {
      assertEquals(Runtime.getRuntime().availableProcessors(), gemm.threads());
    }
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Int8Gemm.create(0));
    assertTrue(zero.getMessage().contains("threads is 0") && zero.getMessage().contains("[1, 1024]"),
        zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Int8Gemm.create(1025, Int8GemmVariant.SCALAR));
  }

  @Test
  void badArgumentsAreRejectedWithTheValueAndTheRange() {
    try (Int8Gemm gemm = Int8Gemm.create(1, Int8GemmVariant.SCALAR)) {
      byte[] a = new byte[2 * 10];
      int[] c = new int[2 * 6];
      assertMessage(() -> gemm.multiply(a, 2, 128, WEIGHTS, c), "zero point 128", "[-128, 127]");
      assertMessage(() -> gemm.multiply(a, 2, -129, WEIGHTS, c), "zero point -129", "[-128, 127]");
      assertMessage(() -> gemm.multiply(a, 0, 0, WEIGHTS, c), "rows (M) is 0", "at least 1");
      assertMessage(() -> gemm.multiply(a, 3, 0, WEIGHTS, new int[18]), "a has 20 elements", "need 30");
      assertMessage(() -> gemm.multiply(a, 2, 0, WEIGHTS, new int[11]), "c has 11 elements", "need 12");
      assertMessage(() -> gemm.multiply(a, 0, 9, 2, 0, WEIGHTS, c, 0, 6), "aRowStride is 9", "K = 10");
      assertMessage(() -> gemm.multiply(a, 0, 10, 2, 0, WEIGHTS, c, 0, 5), "cRowStride is 5", "N = 6");
      assertMessage(() -> gemm.multiply(a, -1, 10, 1, 0, WEIGHTS, c, 0, 6), "aOffset is -1", ">= 0");
      assertMessage(() -> gemm.multiply(a, 11, 10, 1, 0, WEIGHTS, c, 0, 6), "a has 20 elements", "need 21");
    }
    assertThrows(NullPointerException.class, () -> Int8Gemm.create(1, null));
  }

  @Test
  void vectorVariantRequestedWithoutTheModuleSaysHowToGetIt() {
    assumeTrue(!Int8GemmVariant.VECTOR_FLOAT_FMA.isAvailable(), "the Vector API is present here");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Int8Gemm.create(1, Int8GemmVariant.VECTOR_FLOAT_FMA));
    assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
  }

  @Test
  void oneInstanceServesConcurrentCallers() throws Exception {
    int depth = 500;
    int outputs = 70;
    byte[] w = GemmOracle.randomInt8(RND, outputs * depth, true, false);
    Int8Weights weights = Int8Weights.of(w, outputs, depth);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (Int8Gemm gemm = Int8Gemm.create(3)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int rows = 1 + t * 9;
        long seed = 1000 + t;
        Callable<Boolean> job = () -> {
          SplittableRandom r = new SplittableRandom(seed);
          byte[] a = GemmOracle.randomInt8(r, rows * depth, false, false);
          int[] c = new int[rows * outputs];
          for (int rep = 0; rep < 5; rep++) {
            gemm.multiply(a, rows, -3, weights, c);
            assertArrayEquals(GemmOracle.multiply(a, rows, -3, w, outputs, depth), c);
          }
          return true;
        };
        results.add(callers.submit(job));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      callers.shutdown();
    }
  }

  @Test
  void productsAfterCloseRunOnTheCallingThread() {
    int depth = 1000;
    int outputs = 300;
    int rows = 64;
    byte[] w = GemmOracle.randomInt8(RND, outputs * depth, true, false);
    byte[] a = GemmOracle.randomInt8(RND, rows * depth, false, false);
    Int8Gemm gemm = Int8Gemm.create(2);
    gemm.close();
    int[] c = new int[rows * outputs];
    gemm.multiply(a, rows, 4, Int8Weights.of(w, outputs, depth), c);
    assertArrayEquals(GemmOracle.multiply(a, rows, 4, w, outputs, depth), c);
  }

  @Test
  void warmUpLeavesResultsExactAndCanBeRepeated() {
    for (Int8GemmVariant v : TestVariants.available()) {
      try (Int8Gemm gemm = Int8Gemm.create(1, v)) {
        gemm.warmUp();
        gemm.warmUp();
        byte[] a = GemmOracle.randomInt8(RND, 5 * 10, false, false);
        int[] c = new int[5 * 6];
        gemm.multiply(a, 5, -128, WEIGHTS, c);
        assertArrayEquals(GemmOracle.multiply(a, 5, -128, W, 6, 10), c, v.toString());
      }
    }
  }

  private static void assertMessage(Runnable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
    }
  }
}
