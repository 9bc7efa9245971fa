package org.qat4j.core.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks each primitive against an independent exact oracle in BigInteger/BigDecimal arithmetic,
 * on the int32 extremes, powers of two plus or minus two, every tie, and many random values.
 */
class FixedPointTest {

  private static final BigInteger TWO_31 = BigInteger.ONE.shiftLeft(31);

  /** Powers of two +-2 of both signs, zero and the extremes: where rounding code breaks. */
  static int[] edgeValues() {
    List<Integer> v = new ArrayList<>(List.of(0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE,
        Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1));
    for (int p = 0; p < 31; p++) {
      for (int d = -2; d <= 2; d++) {
        long x = (1L << p) + d;
        v.add((int) x);
        v.add((int) -x);
      }
    }
    return v.stream().mapToInt(Integer::intValue).toArray();
  }

  /** floor((a*b + 2^30) / 2^31): round(a*b/2^31) with ties toward +infinity, then saturated. */
  static int srdhmOracle(int a, int b) {
    BigInteger num = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).add(BigInteger.ONE.shiftLeft(30));
    BigInteger[] qr = num.divideAndRemainder(TWO_31); // truncates toward zero
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    return floor.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
  }

  /** round(x / 2^e) with ties away from zero, in exact decimal arithmetic. */
  static int rdbpotOracle(int x, int e) {
    return new BigDecimal(x).divide(new BigDecimal(BigInteger.ONE.shiftLeft(e)))
        .setScale(0, RoundingMode.HALF_UP) // HALF_UP in BigDecimal is "ties away from zero".
        .intValueExact();
  }

  @Test
  void srdhmMatchesOracleOnEdges() {
    int[] edges = edgeValues();
    for (int a : edges) {
      for (int b : edges) {
        assertEquals(srdhmOracle(a, b), FixedPoint.saturatingRoundingDoublingHighMul(a, b), a + " * " + b);
      }
    }
  }

  @Test
  void srdhmMatchesOracleOnRandomInputs() {
    SplittableRandom rnd = new SplittableRandom(20261122);
    for (int i = 0; i < 200_000; i++) {
      int a = rnd.nextInt();
      int b = i % 2 == 0 ? rnd.nextInt() : rnd.nextInt(1 << 30, Integer.MAX_VALUE);
      assertEquals(srdhmOracle(a, b), FixedPoint.saturatingRoundingDoublingHighMul(a, b), a + " * " + b);
    }
  }

  @Test
  void srdhmTiesGoTowardPositiveInfinity() {
    // a * b = +-2^30 is exactly +-0.5 after the division by 2^31.
    assertEquals(1, FixedPoint.saturatingRoundingDoublingHighMul(1 << 15, 1 << 15));
    assertEquals(0, FixedPoint.saturatingRoundingDoublingHighMul(-(1 << 15), 1 << 15));
    // +-1.5 -> 2 and -1.
    assertEquals(2, FixedPoint.saturatingRoundingDoublingHighMul(3 << 15, 1 << 15));
    assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(-3 << 15, 1 << 15));
    // The one overflow saturates; its neighbours do not need to.
    assertEquals(Integer.MAX_VALUE, FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
    assertEquals(Integer.MAX_VALUE, FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE + 1));
    assertEquals(Integer.MIN_VALUE + 1, FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void rdbpotMatchesOracleForEveryExponent() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int e = 0; e <= 31; e++) {
      for (int x : edgeValues()) {
        assertEquals(rdbpotOracle(x, e), FixedPoint.roundingDivideByPOT(x, e), x + " / 2^" + e);
      }
      for (int i = 0; i < 20_000; i++) {
        int x = rnd.nextInt();
        assertEquals(rdbpotOracle(x, e), FixedPoint.roundingDivideByPOT(x, e), x + " / 2^" + e);
      }
    }
  }

  @Test
  void rdbpotTiesGoAwayFromZero() {
    assertEquals(1, FixedPoint.roundingDivideByPOT(1, 1)); // 0.5
    assertEquals(-1, FixedPoint.roundingDivideByPOT(-1, 1)); // -0.5
    assertEquals(2, FixedPoint.roundingDivideByPOT(3, 1)); // 1.5
    assertEquals(-2, FixedPoint.roundingDivideByPOT(-3, 1)); // -1.5
    assertEquals(3, FixedPoint.roundingDivideByPOT(5, 1)); // 2.5, not to even
    assertEquals(-3, FixedPoint.roundingDivideByPOT(-5, 1));
    assertEquals(1, FixedPoint.roundingDivideByPOT(1 << 30, 31)); // 0.5
    assertEquals(-1, FixedPoint.roundingDivideByPOT(Integer.MIN_VALUE, 31)); // -1 exactly
    assertEquals(-1, FixedPoint.roundingDivideByPOT(-(1 << 30), 31)); // -0.5
    assertEquals(0, FixedPoint.roundingDivideByPOT(-(1 << 30) + 1, 31));
    assertEquals(Integer.MIN_VALUE, FixedPoint.roundingDivideByPOT(Integer.MIN_VALUE, 0));
  }

  @Test
  void rdbpotRejectsExponentsOutsideZeroTo31() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundingDivideByPOT(1, 32));
    assertTrue(e.getMessage().contains("32") && e.getMessage().contains("[0, 31]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundingDivideByPOT(1, -1));
  }

  /** The exact TFLite definition of QuantizeMultiplier, in BigDecimal arithmetic. */
  static QuantizedMultiplier quantizeMultiplierOracle(double m) {
    BigDecimal exact = new BigDecimal(m);
    int shift = 0;
    BigDecimal q0 = exact;
    while (q0.compareTo(BigDecimal.ONE) >= 0) {
      q0 = q0.divide(BigDecimal.valueOf(2));
      shift++;
    }
    while (q0.compareTo(new BigDecimal("0.5")) < 0) {
      q0 = q0.multiply(BigDecimal.valueOf(2));
      shift--;
    }
    BigInteger q = q0.multiply(new BigDecimal(TWO_31)).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    if (q.equals(TWO_31)) {
      q = q.shiftRight(1);
      shift++;
    }
    if (shift < -31) {
      return new QuantizedMultiplier(0, 0);
    }
    return new QuantizedMultiplier(q.intValueExact(), shift);
  }

  @Test
  void quantizeMultiplierMatchesOracle() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      double m = Math.scalb(rnd.nextDouble(0.5, 1.0), rnd.nextInt(-40, 20));
      assertEquals(quantizeMultiplierOracle(m), FixedPoint.quantizeMultiplier(m), "M = " + m);
    }
    for (int p = -40; p < 30; p++) {
      double m = Math.scalb(1.0, p);
      assertEquals(quantizeMultiplierOracle(m), FixedPoint.quantizeMultiplier(m), "M = 2^" + p);
      assertEquals(quantizeMultiplierOracle(Math.nextDown(m)), FixedPoint.quantizeMultiplier(Math.nextDown(m)));
      assertEquals(quantizeMultiplierOracle(Math.nextUp(m)), FixedPoint.quantizeMultiplier(Math.nextUp(m)));
    }
  }

  @Test
  void quantizeMultiplierCarriesIntoTheShift() {
    // q0 * 2^31 = 2^31 - 0.25 rounds up to 2^31: halve it and add one to the shift.
    QuantizedMultiplier m = FixedPoint.quantizeMultiplier(1 - Math.scalb(1.0, -33));
    assertEquals(new QuantizedMultiplier(1 << 30, 1), m);
    // A tie at q0 * 2^31 = k + 0.5 goes away from zero.
    double tie = (Math.scalb(1.0, 30) + 0.5) / Math.scalb(1.0, 31);
    assertEquals(new QuantizedMultiplier((1 << 30) + 1, 0), FixedPoint.quantizeMultiplier(tie));
    assertEquals(new QuantizedMultiplier(1 << 30, 0), FixedPoint.quantizeMultiplier(0.5));
    assertEquals(new QuantizedMultiplier(1 << 30, -1), FixedPoint.quantizeMultiplier(0.25));
    assertEquals(new QuantizedMultiplier(1 << 30, 1), FixedPoint.quantizeMultiplier(1.0));
  }

  @Test
  void quantizeMultiplierFlushesTinyValuesAndZero() {
    assertEquals(new QuantizedMultiplier(0, 0), FixedPoint.quantizeMultiplier(0.0));
    assertEquals(new QuantizedMultiplier(1 << 30, -31), FixedPoint.quantizeMultiplier(Math.scalb(1.0, -32)));
    assertEquals(new QuantizedMultiplier(0, 0), FixedPoint.quantizeMultiplier(Math.scalb(1.0, -33)));
    assertEquals(new QuantizedMultiplier(0, 0), FixedPoint.quantizeMultiplier(Double.MIN_VALUE));
  }

  @Test
  void quantizeMultiplierRejectsBadValuesByName() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.5, Math.scalb(1.0, 30)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FixedPoint.quantizeMultiplier(bad));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  /** The composed definition, with each step done by the exact oracles. */
  static int mbqmOracle(int x, int q, int shift) {
    int left = Math.max(shift, 0);
    int right = Math.max(-shift, 0);
    int shifted = BigInteger.valueOf(x).shiftLeft(left).intValue(); // two's-complement wrap
    return rdbpotOracle(srdhmOracle(shifted, q), right);
  }

  @Test
  void multiplyByQuantizedMultiplierMatchesComposedOracle() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      int x = i % 3 == 0 ? rnd.nextInt(-(1 << 20), 1 << 20) : rnd.nextInt();
      double m = Math.scalb(rnd.nextDouble(0.5, 1.0), rnd.nextInt(-34, 4));
      QuantizedMultiplier qm = FixedPoint.quantizeMultiplier(m);
      assertEquals(mbqmOracle(x, qm.multiplier(), qm.shift()), FixedPoint.multiplyByQuantizedMultiplier(x, qm),
          x + " * " + m);
    }
  }

  @Test
  void multiplyByQuantizedMultiplierIsWithinOneOfTheRealProduct() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      int x = rnd.nextInt(-(1 << 24), 1 << 24);
      double m = rnd.nextDouble(1e-6, 1.0);
      int got = FixedPoint.multiplyByQuantizedMultiplier(x, FixedPoint.quantizeMultiplier(m));
      assertTrue(Math.abs(got - x * m) <= 1.0, x + " * " + m + " gave " + got);
    }
  }

  @Test
  void doubleRoundingDiffersFromSingleRoundingAsTfliteDoes() {
    // x = 5, M = 0.25: SRDHM(5, 2^30) = round(2.5) = 3 (ties up), then round(3 / 2) = 2 (ties away).
    // One rounding of 1.25 would give 1.
    assertEquals(2, FixedPoint.multiplyByQuantizedMultiplier(5, FixedPoint.quantizeMultiplier(0.25)));
    assertEquals(-1, FixedPoint.multiplyByQuantizedMultiplier(-5, FixedPoint.quantizeMultiplier(0.25)));
  }

  @Test
  void rejectsOutOfRangeMultiplierAndShift() {
    assertThrows(IllegalArgumentException.class, () -> FixedPoint.multiplyByQuantizedMultiplier(1, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> FixedPoint.multiplyByQuantizedMultiplier(1, 1 << 30, 31));
    assertThrows(IllegalArgumentException.class, () -> FixedPoint.multiplyByQuantizedMultiplier(1, 1 << 30, -32));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QuantizedMultiplier(5, 40));
    assertTrue(e.getMessage().contains("40"), e.getMessage());
  }

  @Test
  void toDoubleRecoversTheMultiplier() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < 10_000; i++) {
      double m = rnd.nextDouble(1e-8, 100.0);
      double back = FixedPoint.quantizeMultiplier(m).toDouble();
      assertTrue(Math.abs(back - m) <= m * Math.scalb(1.0, -30), m + " came back as " + back);
    }
  }
}
