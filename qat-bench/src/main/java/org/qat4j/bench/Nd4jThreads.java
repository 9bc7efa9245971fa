package org.qat4j.bench;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Limits ND4J's CPU backend to a number of threads from inside the JVM: OpenBLAS's threads
 * (convolutions and dense layers are sgemm calls) and libnd4j's own parallel loops. The
 * environment variable {@code OMP_NUM_THREADS} does the same from outside, for the whole process.
 */
public final class Nd4jThreads {

  private Nd4jThreads() {}

  /**
   * Sets OpenBLAS's and libnd4j's thread counts to {@code threads}.
   *
   * @param threads at least 1
   * @throws IllegalArgumentException if threads is below 1
   */
  public static void limit(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " is below 1");
    }
    Nd4j.factory().blas().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
  }
}
