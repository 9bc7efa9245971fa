package org.qat4j.bench;

import org.openjdk.jmh.annotations.Fork;
import org.qat4j.core.kernels.fast.Int8GemmVariant;

/** qat4j's exact int8 GEMM, Vector API kernel (int8 widened to fp32, FMA, exact chunks). */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class QatGemmVectorBenchmark extends QatGemmBenchmark {

  @Override
  protected Int8GemmVariant variant() {
    return Int8GemmVariant.VECTOR_FLOAT_FMA;
  }
}
