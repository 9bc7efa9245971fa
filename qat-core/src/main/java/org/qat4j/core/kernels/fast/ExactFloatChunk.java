package org.qat4j.core.kernels.fast;

/**
 * The bounds that make fp32 accumulation of int8 products exact, in one place.
 *
 * <p>The kernels multiply raw int8 activations {@code a} in [-128, 127] (the zero point is
 * subtracted afterwards in int32, see {@link Int8Gemm}) by int8 weights {@code w} in [-128, 127]
 * (TFLite's spec uses only [-127, 127]), so every product is an integer with
 * {@code |a * w| <= 128 * 128 = 2^14} and is exact in fp32. Two facts about fp32 (24-bit
 * significand) then bound how many products one fp32 accumulator may sum:
 *
 * <ol>
 *   <li><b>Plain sums, {@link #MAX_PRODUCTS} = 1024.</b> Every integer of magnitude at most
 *       {@code 2^24} is an fp32. Any sum of at most {@code 2^24 / 2^14 = 1024} products, in any
 *       order and association (an FMA chain, a lane reduction), has only partial sums that are
 *       integers of magnitude {@code <= 2^24}, so every addition, fused or not, is exact and the
 *       result converts to int32 exactly.
 *   <li><b>Offset sums, {@link #MAX_OFFSET_PRODUCTS} = 256.</b> An accumulator started at
 *       {@link #OFFSET} {@code = 1.5 * 2^23} holds {@code OFFSET + s}. With at most
 *       {@code 2^22 / 2^14 = 256} products, every partial sum has {@code |s| <= 2^22}, so
 *       {@code OFFSET + s} is an integer in {@code [2^23, 2^24]}, where fp32 values are spaced 1
 *       apart: every step is exact. In that range the IEEE bit pattern counts in units of one, so
 *       {@code floatToRawIntBits(OFFSET + s) - floatToRawIntBits(OFFSET) == s} (at {@code 2^24}
 *       the exponent steps up and the pattern still does). Converting the accumulator to int32
 *       is then a reinterpretation and one integer subtraction; the Vector API of JDK 17 has no
 *       compiled fp32-to-int32 vector conversion, so this is what keeps the matrix-matrix kernel
 *       fast.
 * </ol>
 *
 * <p>Chunks are added in int32, where sums wrap modulo {@code 2^32} exactly as TFLite's int32
 * accumulator does. Subtracting the zero point before multiplying would not do: {@code a - zp}
 * reaches 255 in magnitude, which would halve both bounds.
 */
final class ExactFloatChunk {

  /** Largest magnitude of an int8 by int8 product: {@code (-128) * (-128) = 2^14}. */
  static final int MAX_ABS_PRODUCT = 128 * 128;

  /** Largest magnitude up to which every integer is exactly an fp32: {@code 2^24}. */
  static final int FLOAT_EXACT_INTEGER_BOUND = 1 << 24;

  /** Products one plain fp32 accumulator may sum before it is flushed to int32: 1024. */
  static final int MAX_PRODUCTS = FLOAT_EXACT_INTEGER_BOUND / MAX_ABS_PRODUCT;

  /** The start value of an offset accumulator: {@code 1.5 * 2^23}, the middle of [2^23, 2^24]. */
  static final float OFFSET = 12582912f;

  /** The IEEE bit pattern of {@link #OFFSET}. */
  static final int OFFSET_BITS = Float.floatToRawIntBits(OFFSET);

  /** Products one offset accumulator may sum: {@code 2^22 / 2^14 = 256}. */
  static final int MAX_OFFSET_PRODUCTS = (1 << 22) / MAX_ABS_PRODUCT;

  private ExactFloatChunk() {}

  /** The exact sum {@code s} held by an offset accumulator {@code OFFSET + s} (scalar form). */
  static int offsetSum(float accumulator) {
    return Float.floatToRawIntBits(accumulator) - OFFSET_BITS;
  }
}
