package org.qat4j.core.kernels.fast;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Run by {@link ScalarFallbackForkedTest} in a JVM started without {@code --add-modules
 * jdk.incubator.vector}: prints the selected variant and status, checks a product against the
 * reference and exits 0 only if everything holds.
 */
public final class ScalarFallbackMain {

  private ScalarFallbackMain() {}

  /** Exit status 0 when the scalar fallback works, 1 otherwise; reasons go to stdout. */
  public static void main(String[] args) {
    boolean ok = true;
    System.out.println("module present: " + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    System.out.println("default variant: " + Int8Gemm.defaultVariant());
    System.out.println("vector available: " + Int8GemmVariant.VECTOR_FLOAT_FMA.isAvailable());
    System.out.println("status: " + Int8Gemm.vectorApiStatus());
    try {
      Int8Gemm.create(1, Int8GemmVariant.VECTOR_FLOAT_FMA).close();
      System.out.println("FAIL: the vector variant was created without its module");
      ok = false;
    } catch (IllegalStateException expected) {
      System.out.println("vector refused: " + expected.getMessage());
    }
    SplittableRandom rnd = new SplittableRandom(42);
    try (Int8Gemm gemm = Int8Gemm.create(2)) {
      gemm.warmUp();
      for (int rows : new int[] {1, 37}) {
        int depth = 1500;
        int outputs = 40;
        byte[] a = GemmOracle.randomInt8(rnd, rows * depth, false, false);
        byte[] w = GemmOracle.randomInt8(rnd, outputs * depth, true, false);
        int[] c = new int[rows * outputs];
        gemm.multiply(a, rows, -100, Int8Weights.of(w, outputs, depth), c);
        boolean same = Arrays.equals(GemmOracle.multiply(a, rows, -100, w, outputs, depth), c);
        System.out.println("rows " + rows + " exact: " + same + " on " + gemm);
        ok &= same;
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
