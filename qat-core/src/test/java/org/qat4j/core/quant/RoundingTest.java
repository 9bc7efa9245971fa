package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tie rules, signs of zero, the HALF_UP float quirks, and agreement with BigDecimal. */
class RoundingTest {

  private static final Rounding AWAY = Rounding.HALF_AWAY_FROM_ZERO;
  private static final Rounding EVEN = Rounding.HALF_TO_EVEN;
  private static final Rounding UP = Rounding.HALF_UP;

  @Test
  void tiesFollowEachModesRuleInBothPrecisions() {
    double[] ties = {0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 126.5, -127.5, 8388607.5,
        -8388607.5};
    double[] away = {1, -1, 2, -2, 3, -3, 4, -4, 127, -128, 8388608, -8388608};
    double[] even = {0, -0.0, 2, -2, 2, -2, 4, -4, 126, -128, 8388608, -8388608};
    double[] up = {1, 0, 2, -1, 3, -2, 4, -3, 127, -127, 8388608, -8388607};
    for (int i = 0; i < ties.length; i++) {
      double t = ties[i];
      assertBits(away[i], AWAY.round(t), "away " + t);
      assertBits(even[i], EVEN.round(t), "even " + t);
      assertBits(up[i], UP.round(t), "up " + t);
      assertBits((float) away[i], AWAY.round((float) t), "away float " + t);
      assertBits((float) even[i], EVEN.round((float) t), "even float " + t);
      assertBits((float) up[i], UP.round((float) t), "up float " + t);
    }
  }

  @Test
  void largeDoubleTiesAndIntegersAreExact() {
    double tie = 0x1p52 - 0.5; // 4503599627370495.5, the largest double with a .5 fraction
    assertEquals(0x1p52, AWAY.round(tie));
    assertEquals(0x1p52, EVEN.round(tie));
    assertEquals(0x1p52, UP.round(tie)); // tie + 0.5 = 2^52 exactly
    assertEquals(4503599627370496L, AWAY.roundToLong(tie));
    assertEquals(-0x1p52, AWAY.round(-tie));
    assertEquals(-0x1p52, EVEN.round(-tie));
    assertEquals(-0x1p52 + 1, UP.round(-tie));
    for (Rounding r : Rounding.values()) {
      assertEquals(0x1p60, r.round(0x1p60), r.name());
      assertEquals(-123456789.0, r.round(-123456789.0), r.name());
    }
  }

  @Test
  void signOfZeroFollowsTheReferences() {
    // std::round and rint keep the sign; floor(x + 0.5) of a value above -0.5 is +0.
    assertBits(-0.0, AWAY.round(-0.3), "away -0.3");
    assertBits(-0.0, EVEN.round(-0.5), "even -0.5");
    assertBits(0.0, UP.round(-0.5), "up -0.5");
    assertBits(0.0, UP.round(-0.3), "up -0.3");
    assertBits(-0.0f, AWAY.round(-0.3f), "away float -0.3");
    assertBits(0.0f, UP.round(-0.49f), "up float -0.49");
    assertBits(-0.0f, EVEN.round(-0.0f), "even -0");
  }

  @Test
  void halfUpIsFloorOfTheRoundedSumAsTensorFlowComputesIt() {
    // 0.49999997f + 0.5f = 1 - 2^-25, a tie between 1 - 2^-24 and 1.0: it rounds to 1.0.
    float belowHalf = Math.nextDown(0.5f);
    assertEquals(0x1.fffffep-2f, belowHalf);
    assertEquals(1.0f, UP.round(belowHalf));
    assertEquals(0.0f, AWAY.round(belowHalf));
    assertEquals(0.0f, EVEN.round(belowHalf));
    assertEquals(1.0, UP.round(Math.nextDown(0.5)));
    // Odd integers in [2^23, 2^24): x + 0.5 is a tie that rounds to the even x + 1.
    assertEquals(8388610f, UP.round(8388609f));
    assertEquals(-8388608f, UP.round(-8388609f));
    assertEquals(8388610f, UP.round(8388610f));
    assertEquals(16777217.0, UP.round(16777217.0)); // in double the same integer is exact
    assertEquals(0x1p52 + 2, UP.round(0x1p52 + 1)); // ...and the double quirk sits at 2^52
    assertEquals(8388609f, AWAY.round(8388609f));
    assertEquals(8388609f, EVEN.round(8388609f));
  }

  @Test
  void randomDoublesAgreeWithBigDecimal() {
    SplittableRandom random = new SplittableRandom(20240611L);
    for (int i = 0; i < 100_000; i++) {
      double x = randomValue(random);
      BigDecimal exact = new BigDecimal(x);
      assertEquals(exact.setScale(0, RoundingMode.HALF_UP).doubleValue(), AWAY.round(x), 0.0,
          "away " + x);
      assertEquals(exact.setScale(0, RoundingMode.HALF_EVEN).doubleValue(), EVEN.round(x), 0.0,
          "even " + x);
      double expectedUp = exactHalfUp(exact).doubleValue();
      if (!isHalfUpQuirk(x)) {
        assertEquals(expectedUp, UP.round(x), 0.0, "up " + x);
      }
    }
  }

  @Test
  void randomFloatsAgreeWithBigDecimal() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int i = 0; i < 100_000; i++) {
      float x = (float) randomValue(random);
      BigDecimal exact = new BigDecimal(x);
      assertEquals(exact.setScale(0, RoundingMode.HALF_UP).floatValue(), AWAY.round(x), 0.0f,
          "away " + x);
      assertEquals(exact.setScale(0, RoundingMode.HALF_EVEN).floatValue(), EVEN.round(x), 0.0f,
          "even " + x);
      float a = Math.abs(x);
      boolean quirk = x == Math.nextDown(0.5f)
          || (a >= 0x1p23f && a < 0x1p24f && (((long) a) & 1) == 1);
      if (!quirk) {
        assertEquals(exactHalfUp(exact).floatValue(), UP.round(x),
            0.0f, "up " + x);
      }
    }
  }

  @Test
  void nanAndInfinitiesPassThroughRoundButNotRoundToInt() {
    for (Rounding r : Rounding.values()) {
      assertTrue(Double.isNaN(r.round(Double.NaN)));
      assertTrue(Float.isNaN(r.round(Float.NaN)));
      assertEquals(Double.POSITIVE_INFINITY, r.round(Double.POSITIVE_INFINITY));
      assertEquals(Float.NEGATIVE_INFINITY, r.round(Float.NEGATIVE_INFINITY));
      IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
          () -> r.roundToInt(Float.NaN));
      assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> r.roundToLong(Double.POSITIVE_INFINITY));
    }
  }

  @Test
  void integerConversionsCheckTheirRange() {
    assertEquals(Integer.MAX_VALUE, AWAY.roundToInt(2147483647.4));
    assertEquals(Integer.MIN_VALUE, EVEN.roundToInt(-2147483648.5));
    assertEquals(3, UP.roundToInt(2.5f));
    assertEquals(-2, EVEN.roundToInt(-2.5));
    IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
        () -> AWAY.roundToInt(2147483647.5));
    assertTrue(tooBig.getMessage().contains("2147483647"), tooBig.getMessage());
    assertEquals(Long.MIN_VALUE, EVEN.roundToLong(-0x1p63));
    assertThrows(IllegalArgumentException.class, () -> EVEN.roundToLong(0x1p63));
  }

  /** Mathematical half-up: floor(x + 1/2) without rounding the sum. */
  private static BigDecimal exactHalfUp(BigDecimal x) {
    return x.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR);
  }

  private static boolean isHalfUpQuirk(double x) {
    double a = Math.abs(x);
    return x == Math.nextDown(0.5) || (a >= 0x1p52 && a < 0x1p53 && (((long) a) & 1) == 1);
  }

  /** Mostly exact ties and near-ties, plus values across many magnitudes. */
  private static double randomValue(SplittableRandom random) {
    switch (random.nextInt(4)) {
      case 0:
        return random.nextInt(-100_000, 100_000) + 0.5;
      case 1:
        return Math.nextAfter(random.nextInt(-1000, 1000) + 0.5, random.nextBoolean() ? 1e9 : -1e9);
      case 2:
        return (random.nextDouble() - 0.5) * Math.scalb(1.0, random.nextInt(-30, 60));
      default:
        return random.nextInt(-1000, 1000) / 4.0;
    }
  }

  private static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        what + ": expected " + expected + " got " + actual);
  }

  private static void assertBits(float expected, float actual, String what) {
    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
        what + ": expected " + expected + " got " + actual);
  }
}
