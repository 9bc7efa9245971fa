/**
 * qat4j core: quantization arithmetic, fixed point, the integer graph, int8 kernels and the
 * interpreter, with no dependency beyond the JDK.
 *
 * <p>The packages below this one each hold one concept: {@code quant} (schemes, range nudging,
 * fake quantization, rounding), {@code fixedpoint} (gemmlowp/TFLite integer rescaling). The
 * arithmetic they implement is derived in {@code docs/quantization.md}.
 */
package org.qat4j.core;
