/**
 * Fast exact int8 kernels: the integer matrix product and the fully connected and convolution
 * kernels built on it ({@link org.qat4j.core.kernels.fast.FullyConnectedFast}, {@link
 * org.qat4j.core.kernels.fast.Conv2DFast}: im2col + GEMM + requantization by {@code Requantizer},
 * the fast twin of the reference output stage, byte-identical to the reference kernels), and the
 * pools ({@link org.qat4j.core.kernels.fast.MaxPoolFast},
 * {@link org.qat4j.core.kernels.fast.AveragePoolFast}: plain Java, a pass over whole input rows
 * then one over each window's columns, every inner loop running over contiguous channels,
 * byte-identical to the reference pools), gathered in {@link
 * org.qat4j.core.kernels.fast.FastKernels}.
 *
 * <p>Key types: {@link org.qat4j.core.kernels.fast.Int8Gemm} computes
 * {@code C[i][j] = sum_k (A[i][k] - aZeroPoint) * B[j][k]} in int32 for int8 activations A
 * (M x K) and int8 weights {@link org.qat4j.core.kernels.fast.Int8Weights} B (N x K, zero point
 * 0), multithreaded; {@link org.qat4j.core.kernels.fast.Int8GemmVariant} names the
 * implementations.
 *
 * <p>Numeric conventions: results are exact and bit-identical across variants and thread counts:
 * the true integer sum modulo 2^32, as an int32 accumulator holds it (the true sum whenever it
 * fits, e.g. for every {@code K <= 65793}). The GEMM never rounds; the average pool rounds only
 * through {@link org.qat4j.core.kernels.KernelRounding}, as its reference does; requantization
 * rounds as the reference output stage does (TFLite's default double rounding), in the
 * branch-free form {@code Requantizer} derives, run in 64-bit vector lanes by {@code
 * VectorRequantizer} when the Vector API is there. The Vector API
 * kernel multiplies in fp32 and is still exact: an int8 by int8 product is at most 2^14 in
 * magnitude, so an fp32 accumulator of at most 1024 products only ever holds integers of
 * magnitude at most 2^24, which fp32 represents exactly; chunks of 1024 are converted to int32
 * and summed there (the derivation is in {@code ExactFloatChunk}). The zero point is applied
 * afterwards in int32 as {@code - aZeroPoint * sum_k B[j][k]}, so that the fp32 chunks see raw
 * int8 values. The pools are plain Java (no Vector API) and need no warm-up.
 *
 * <p>Speed: the Vector API ({@code jdk.incubator.vector}, an incubating JDK module) is used only
 * when the JVM is started with
 *
 * <pre>  java --add-modules jdk.incubator.vector ...</pre>
 *
 * <p>Without the flag, everything still works on a scalar kernel about 15-20 times slower;
 * {@link org.qat4j.core.kernels.fast.Int8Gemm#vectorApiStatus()} says which one runs and why,
 * and {@code -Dqat4j.kernels.vector=false} forces the scalar kernel. Vector API code is slow
 * until the JIT compiles it: {@link org.qat4j.core.kernels.fast.Int8Gemm#warmUp()} takes care
 * of that once per JVM, and {@link org.qat4j.core.kernels.fast.FastKernels#shared()} does it on a
 * background thread, running the reference kernels meanwhile, so that no caller waits for it. The
 * Vector API kernel needs HotSpot's C2: with {@code -XX:TieredStopAtLevel=1} or {@code -Xint} the
 * shared set uses the scalar kernel. Measured speeds and the commands behind them: {@code
 * docs/performance.md}.
 *
 * <p>Limits: M, N and K are any positive ints whose matrices fit in Java arrays; the Vector API
 * kernel keeps an fp32 copy of the weights (4 bytes per weight) once they are used with M >= 2.
 */
package org.qat4j.core.kernels.fast;
