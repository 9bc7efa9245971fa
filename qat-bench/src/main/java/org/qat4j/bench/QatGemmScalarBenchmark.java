package org.qat4j.bench;

import org.openjdk.jmh.annotations.Fork;
import org.qat4j.core.kernels.fast.Int8GemmVariant;

/** qat4j's exact int8 GEMM, scalar kernel (plain Java int32): the fallback without the Vector API. */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class QatGemmScalarBenchmark extends QatGemmBenchmark {

  @Override
  protected Int8GemmVariant variant() {
    return Int8GemmVariant.SCALAR;
  }
}
