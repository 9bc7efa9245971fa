/**
 * Reference int8 kernels: plain loops that define qat4j's integer arithmetic, transcribed from
 * the semantics of TFLite's {@code reference_integer_ops} (conv, fully connected, pooling) and
 * {@code reference_ops} (quantize, dequantize).
 *
 * <p><b>Key types.</b> One op per file: {@link org.qat4j.core.kernels.FullyConnectedReference},
 * {@link org.qat4j.core.kernels.Conv2DPerChannelReference}, {@link
 * org.qat4j.core.kernels.MaxPoolReference}, {@link org.qat4j.core.kernels.AveragePoolReference}.
 * Each has the signature of its functional interface ({@link
 * org.qat4j.core.kernels.FullyConnectedKernel}, {@link org.qat4j.core.kernels.Conv2DKernel},
 * {@link org.qat4j.core.kernels.PoolKernel}); a fast twin implements the same interface and a
 * {@link org.qat4j.core.kernels.KernelSet} picks one implementation per op kind. The reference
 * kernels stay the oracle: a fast twin must match them bit for bit. Parameters are flat records
 * ({@link org.qat4j.core.kernels.ConvParams}, {@link org.qat4j.core.kernels.FullyConnectedParams},
 * {@link org.qat4j.core.kernels.PoolParams}, {@link org.qat4j.core.kernels.OutputStage}) in the
 * spirit of TFLite's {@code types.h}.
 *
 * <p><b>Numeric conventions.</b> Layout NHWC, batch outermost; filters {@code
 * [outC][kH][kW][inC]}; fully-connected weights {@code [out][in]}. {@code real = scale * (q -
 * zero_point)}. Activations are int8 in [-128, 127] with a per-tensor zero point; weights are
 * symmetric (zero point 0) in [-127, 127], per output channel; bias is int32 at scale {@code s_in *
 * s_w[c]}. A kernel computes {@code acc = sum w * (x + inputOffset)} with {@code inputOffset =
 * -zero_point_in}, adds the bias, rescales with {@link
 * org.qat4j.core.fixedpoint.FixedPoint#multiplyByQuantizedMultiplier(int, int, int)}, adds the
 * output zero point and clamps to the fused activation range. No floating point runs between the
 * quantizing and dequantizing edges ({@link org.qat4j.core.kernels.EdgeQuantizer}). The two other
 * roundings the kernels need are named in {@link org.qat4j.core.kernels.KernelRounding}.
 *
 * <p><b>Limits.</b> int32 accumulation is exact under the bound stated in {@link
 * org.qat4j.core.kernels.AccumulatorBound} (depth at most 66,311 with full-range weights); graphs
 * are checked against it when built or loaded. Kernels check array lengths, not the numeric
 * bound: they trust validated parameters. Kernels are stateless and thread-safe.
 */
package org.qat4j.core.kernels;
