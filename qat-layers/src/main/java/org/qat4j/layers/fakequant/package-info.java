/**
 * TensorFlow's fake quantization as vectorised ND4J operations: the arithmetic behind the
 * activation fake-quant layer.
 *
 * <p>Key types: {@link org.qat4j.layers.fakequant.QuantGrid} (bits, narrow range, integer grid),
 * {@link org.qat4j.layers.fakequant.NudgedRanges} (per-channel nudged constants),
 * {@link org.qat4j.layers.fakequant.Nd4jFakeQuant} (forward and TF/PACT gradients, per tensor and
 * per channel), {@link org.qat4j.layers.fakequant.LsqRangeGradients} (the LSQ range gradient).
 *
 * <p>Numeric conventions: float32 throughout, each element-wise step one ND4J pass so every
 * intermediate rounds as in the reference (bit-exact with qat-core's {@code FakeQuant} on FLOAT
 * arrays); the zero point rounds half away from zero, the grid index half up ({@code floor(v +
 * 0.5)}); per-channel means axis 1. Range-gradient sums are accumulated in double in C order and
 * rounded to float once.
 *
 * <p>Limits: 2 to 16 bits; per-channel ranges on axis 1 only.
 */
package org.qat4j.layers.fakequant;
