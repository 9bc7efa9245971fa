/**
 * JMH benchmarks of qat4j's int8 GEMM kernels against peers, one class per kernel; the end-to-end
 * benchmarks are in {@link org.qat4j.bench.inference}, the cold start in {@link
 * org.qat4j.bench.coldstart}.
 *
 * <p>Each class is its own {@code @State}: inputs are built in {@code @Setup} from a fixed seed,
 * sizes are {@code @Param}s ({@code shape} as {@code MxKxN}, {@code threads}), results go to a
 * {@code Blackhole}, and forks, warm-up and measurement are explicit. The same int8 values are
 * given to every kernel (as fp32 to the float peers), so every class solves the same problem:
 * {@code C = (A - zp) * B^T} with A {@code M x K} and B {@code N x K}.
 *
 * <ul>
 *   <li>{@link org.qat4j.bench.QatGemmVectorBenchmark}: qat4j, Vector API fp32-FMA kernel (exact);
 *   <li>{@link org.qat4j.bench.QatGemmScalarBenchmark}: qat4j, scalar kernel (exact); both share
 *       their operands, setup and measured call through {@link org.qat4j.bench.QatGemmBenchmark};
 *   <li>{@link org.qat4j.bench.Nd4jSgemmBenchmark}: ND4J fp32 GEMM (OpenBLAS sgemm), the peer.
 * </ul>
 *
 * <p>JMH reports milliseconds per product; {@link org.qat4j.bench.GopsReport} turns a CSV result
 * file into GOPS ({@code 2 * M * K * N / t}) and ratios ({@link org.qat4j.bench.JmhCsv} reads the
 * CSV for both report printers). Benchmarks are not tests: the build
 * only compiles and packages them ({@code qat-bench/target/benchmarks.jar}). Commands and
 * results: {@code docs/performance.md}.
 */
package org.qat4j.bench;
