package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The two fp32 facts the Vector API kernel's exactness rests on, checked exhaustively. */
class ExactFloatChunkTest {

  @Test
  void boundsFollowFromTheLargestProduct() {
    assertEquals(-128 * -128, ExactFloatChunk.MAX_ABS_PRODUCT);
    assertEquals(1L << 24, (long) ExactFloatChunk.MAX_PRODUCTS * ExactFloatChunk.MAX_ABS_PRODUCT);
    assertEquals(1L << 22, (long) ExactFloatChunk.MAX_OFFSET_PRODUCTS * ExactFloatChunk.MAX_ABS_PRODUCT);
    assertEquals(1.5 * (1 << 23), ExactFloatChunk.OFFSET);
  }

  @Test
  void everyIntegerUpTo2To24IsAnFp32AndOneMoreIsNot() {
    for (int s = -(1 << 24); s <= (1 << 24); s++) {
      if ((int) (float) s != s) {
        throw new AssertionError(s + " is not exact in fp32");
      }
    }
    assertNotEquals((1 << 24) + 1, (int) (float) ((1 << 24) + 1));
  }

  @Test
  void offsetAccumulatorDecodesEverySumInItsRangeAndFailsJustOutside() {
    for (int s = -(1 << 22); s <= (1 << 22); s++) {
      float acc = ExactFloatChunk.OFFSET + s;
      if (acc - ExactFloatChunk.OFFSET != s || ExactFloatChunk.offsetSum(acc) != s) {
        throw new AssertionError("offset sum " + s + " decodes to " + ExactFloatChunk.offsetSum(acc));
      }
    }
    // One past either end: 2^24 + 1 rounds to 2^24; 2^23 - 1 has spacing 1/2, so the bits skip.
    int above = (1 << 22) + 1;
    int below = -(1 << 22) - 1;
    assertNotEquals(above, ExactFloatChunk.offsetSum(ExactFloatChunk.OFFSET + above));
    assertNotEquals(below, ExactFloatChunk.offsetSum(ExactFloatChunk.OFFSET + below));
  }
}
