/**
 * Quantization arithmetic on real numbers: storage schemes, range nudging, fake quantization
 * for training and array quantize/dequantize, each bit-exact with the reference that defines
 * it. The derivations and the numbered equations cited throughout are in {@code
 * docs/quantization.md}.
 *
 * <h2>Key types</h2>
 *
 * <ul>
 *   <li>{@link org.qat4j.core.quant.Rounding}: the three tie rules (away from zero, to even,
 *       TensorFlow's {@code floor(x + 0.5)}); the only place in the package that rounds a real
 *       number.
 *   <li>{@link org.qat4j.core.quant.QuantScheme}, {@link org.qat4j.core.quant.QuantParams},
 *       {@link org.qat4j.core.quant.PerChannelQuantParams}: how a tensor is stored and the
 *       scale and zero point of one stored tensor.
 *   <li>{@link org.qat4j.core.quant.Nudge} and {@link org.qat4j.core.quant.NudgedRange}:
 *       TensorFlow's nudging of a {@code [min, max]} range so that 0.0 is a grid point.
 *   <li>{@link org.qat4j.core.quant.FakeQuant}: TensorFlow's {@code FakeQuantWithMinMaxVars}
 *       (per tensor and per channel) forward and gradients.
 *   <li>{@link org.qat4j.core.quant.LsqFakeQuant}: PyTorch's learnable (LSQ) fake
 *       quantization forward and gradients.
 *   <li>{@link org.qat4j.core.quant.Quantizer}: float arrays to storage integers and back.
 *   <li>{@link org.qat4j.core.quant.ChannelLayout}: which channel an element of a flat
 *       row-major array belongs to.
 * </ul>
 *
 * <h2>Numeric conventions</h2>
 *
 * <ul>
 *   <li>{@code real = scale * (q - zeroPoint)}; scales are floats, zero points ints.
 *   <li>Arithmetic that mirrors a reference is done in float, step by step, in the
 *       reference's order, with no fused multiply-add; sums over many elements (range and
 *       scale gradients) are accumulated in double and rounded to float once.
 *   <li>TensorFlow's fake quantization works on the unsigned grid {@code [narrow ? 1 : 0,
 *       2^bits - 1]}; signed storage shifts it by {@code -2^(bits-1)} ({@link
 *       org.qat4j.core.quant.NudgedRange#storageParams}).
 *   <li>Arrays are flat and row-major; per-channel methods take a shape and a channel axis,
 *       or TensorFlow's channels-last layout.
 *   <li>Bad arguments (NaN inputs, degenerate ranges, parameters that do not fit their
 *       scheme) raise {@link java.lang.IllegalArgumentException} naming the value, the
 *       allowed range and the fix. Infinite inputs saturate. Upstream gradients are passed
 *       through unchecked.
 * </ul>
 *
 * <h2>Limits</h2>
 *
 * <p>Bit widths 2 to 16. Single-threaded, allocation per call, no SIMD: these are the
 * reference implementations the training layers and tests rely on. Integer-only rescaling
 * (fixed-point multipliers) is in {@code org.qat4j.core.fixedpoint}, not here.
 */
package org.qat4j.core.quant;
