/**
 * Integer-only rescaling, exactly as gemmlowp's {@code fixedpoint.h} and TFLite's
 * {@code MultiplyByQuantizedMultiplier} define it.
 *
 * <p>A real multiplier {@code M} (for requantization, {@code M = s_in * s_w / s_out}) is
 * represented offline as a {@link org.qat4j.core.fixedpoint.QuantizedMultiplier}: a Q0.31
 * integer {@code q} in {@code [2^30, 2^31)} and a power-of-two exponent {@code shift}, so that
 * {@code M ~= q * 2^(shift - 31)}. At run time {@link org.qat4j.core.fixedpoint.FixedPoint}
 * applies it with two named roundings and no floating point:
 *
 * <ul>
 *   <li>{@code saturatingRoundingDoublingHighMul}: round(a*b / 2^31), ties toward +infinity
 *       (ARM {@code VQRDMULH}); saturates the single overflow case;
 *   <li>{@code roundingDivideByPOT}: round(x / 2^e), ties away from zero (ARM {@code VRSHL} with a
 *       fix-up for negative ties).
 * </ul>
 *
 * <p>Offline code (deriving {@code q} and {@code shift} in double precision) and run-time code
 * (integer only) are kept in separate methods; only the latter belongs in a kernel. The equations
 * are in {@code docs/quantization.md}, section "Fixed-point requantization".
 */
package org.qat4j.core.fixedpoint;
