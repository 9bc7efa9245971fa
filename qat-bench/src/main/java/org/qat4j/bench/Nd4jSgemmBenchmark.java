package org.qat4j.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The peer: ND4J's fp32 GEMM (OpenBLAS {@code sgemm} on CPU) on the same values as floats,
 * {@code C = A' * B^T} with {@code A' = A - zp} precomputed. Not exact in general (fp32 sums
 * past 2^24 round); here it measures what a float engine spends on the same product.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=8G", "-XX:+IgnoreUnrecognizedVMOptions",
    "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Nd4jSgemmBenchmark {

  /** {@code MxKxN}, as in the qat4j benchmarks. */
  @Param({"256x1024x1024"})
  public String shape;

  /** OpenBLAS and libnd4j threads. */
  @Param({"1"})
  public int threads;

  private INDArray a;
  private INDArray b;
  private INDArray c;

  /** Sets the thread count and builds fp32 copies of the int8 operands. */
  @Setup
  public void setUp() {
    GemmShape s = GemmShape.parse(shape);
    Nd4jThreads.limit(threads);
    a = Nd4j.create(toFloat(s.activations(), GemmShape.ZERO_POINT), new long[] {s.rows(), s.depth()}, 'c');
    b = Nd4j.create(toFloat(s.weights(), 0), new long[] {s.outputs(), s.depth()}, 'c');
    c = Nd4j.create(DataType.FLOAT, s.rows(), s.outputs());
    Nd4j.gemm(a, b, c, false, true, 1.0, 0.0);
  }

  private static float[] toFloat(byte[] v, int zeroPoint) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i] - zeroPoint;
    }
    return f;
  }

  /** One fp32 product {@code C = A' * B^T}. */
  @Benchmark
  public void sgemm(Blackhole bh) {
    bh.consume(Nd4j.gemm(a, b, c, false, true, 1.0, 0.0));
  }
}
