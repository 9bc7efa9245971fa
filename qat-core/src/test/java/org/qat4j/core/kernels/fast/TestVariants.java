package org.qat4j.core.kernels.fast;

import java.util.ArrayList;
import java.util.List;

/** The variants this test JVM can run: the scalar one always, the Vector API one when present. */
final class TestVariants {

  private TestVariants() {}

  static List<Int8GemmVariant> available() {
    List<Int8GemmVariant> out = new ArrayList<>();
    for (Int8GemmVariant v : Int8GemmVariant.values()) {
      if (v.isAvailable()) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * A GEMM that splits every product between its threads, however small ({@code
   * minProductsPerTask} 1), so that tests of small shapes cover the multithreaded path.
   */
  static Int8Gemm splittingEveryProduct(int threads, Int8GemmVariant variant) {
    return Int8Gemm.create(threads, variant, 1);
  }
}
