package org.qat4j.core.kernels.fast;

import java.util.Objects;
import org.qat4j.core.kernels.AveragePoolReference;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.MaxPoolReference;

/**
 * {@link KernelSet}s whose fully connected and convolution kernels run on {@link Int8Gemm}
 * ({@link FullyConnectedFast}, {@link Conv2DFast}) and whose pools are the reference ones. Their
 * outputs are byte-identical to {@link KernelSet#reference()}.
 */
public final class FastKernels {

  /** Name recorded in {@link KernelSet#name()} for the sets built here. */
  public static final String NAME = "fast";

  private static volatile KernelSet shared;

  private FastKernels() {}

  /**
   * A set shared by the whole JVM: one {@link Int8Gemm} with one thread per available processor,
   * its workers daemon threads that live as long as the JVM. Built on first use, and warmed up
   * then ({@link Int8Gemm#warmUp()}, about half a second of CPU once per JVM) so that the first
   * images a user runs are not the ones that wait for the JIT compiler.
   */
  public static KernelSet shared() {
    KernelSet set = shared;
    if (set == null) {
      synchronized (FastKernels.class) {
        set = shared;
        if (set == null) {
          Int8Gemm gemm = Int8Gemm.create();
          gemm.warmUp();
          set = kernelSet(gemm);
          shared = set;
        }
      }
    }
    return set;
  }

  /**
   * A new set on a new {@link Int8Gemm} with {@code threads} threads (the calling thread included).
   *
   * @throws IllegalArgumentException if threads is outside [1, {@link Int8Gemm#MAX_THREADS}]
   */
  public static KernelSet kernelSet(int threads) {
    return kernelSet(Int8Gemm.create(threads));
  }

  /** A set multiplying with {@code gemm}; closing the gemm later only stops its extra threads. */
  public static KernelSet kernelSet(Int8Gemm gemm) {
    Objects.requireNonNull(gemm, "gemm");
    return new KernelSet(NAME, new FullyConnectedFast(gemm), new Conv2DFast(gemm), MaxPoolReference::maxPool,
        AveragePoolReference::averagePool);
  }
}
