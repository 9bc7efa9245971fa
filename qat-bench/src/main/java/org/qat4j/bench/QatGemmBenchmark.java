package org.qat4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.qat4j.core.kernels.fast.Int8Gemm;
import org.qat4j.core.kernels.fast.Int8GemmVariant;
import org.qat4j.core.kernels.fast.Int8Weights;

/**
 * qat4j's exact int8 GEMM, one subclass per kernel variant: the operands, the setup and the
 * measured call are the same for every variant, so their timings compare only the kernels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class QatGemmBenchmark {

  /** @return the kernel this benchmark measures */
  protected abstract Int8GemmVariant variant();

  /** {@code MxKxN}; 1xKxN takes the batch-1 matrix-vector path. */
  @Param({"256x1024x1024"})
  public String shape;

  /** Threads of the Int8Gemm (the calling thread included). */
  @Param({"1"})
  public int threads;

  private GemmShape s;
  private byte[] a;
  private Int8Weights b;
  private int[] c;
  private Int8Gemm gemm;

  /** Builds the operands, packs the weights and compiles the kernel before measuring. */
  @Setup
  public void setUp() {
    s = GemmShape.parse(shape);
    a = s.activations();
    b = Int8Weights.of(s.weights(), s.outputs(), s.depth());
    c = new int[s.rows() * s.outputs()];
    gemm = Int8Gemm.create(threads, variant());
    gemm.warmUp();
    gemm.multiply(a, s.rows(), GemmShape.ZERO_POINT, b, c);
  }

  /** Stops the worker threads. */
  @TearDown
  public void tearDown() {
    gemm.close();
  }

  /** One product {@code C = (A - zp) * B^T}. */
  @Benchmark
  public void gemm(Blackhole bh) {
    gemm.multiply(a, s.rows(), GemmShape.ZERO_POINT, b, c);
    bh.consume(c);
  }
}
