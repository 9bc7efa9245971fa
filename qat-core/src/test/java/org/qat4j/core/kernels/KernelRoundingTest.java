package org.qat4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelRoundingTest {

  @Test
  void divisionRoundsHalfAwayFromZeroForEverySmallCase() {
    for (int count = 1; count <= 64; count++) {
      for (int sum = -128 * count; sum <= 127 * count; sum++) {
        assertEquals(KernelOracles.divideHalfAway(sum, count), KernelRounding.divideRoundingHalfAwayFromZero(sum, count),
            sum + " / " + count);
      }
    }
  }

  @Test
  void divisionMatchesOracleOnLargeWindows() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      int count = 1 + r.nextInt(1 << 20);
      int sum = (int) (r.nextLong(-128L * count, 127L * count + 1));
      assertEquals(KernelOracles.divideHalfAway(sum, count), KernelRounding.divideRoundingHalfAwayFromZero(sum, count));
    }
  }

  @Test
  void divisionByZeroIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> KernelRounding.divideRoundingHalfAwayFromZero(3, 0));
  }

  @Test
  void floatRoundingTiesGoAwayFromZero() {
    float[][] cases = {{0.5f, 1}, {-0.5f, -1}, {1.5f, 2}, {2.5f, 3}, {-2.5f, -3}, {0.49999997f, 0},
        {-0.49999997f, -0f}, {8388607.5f, 8388608}, {16777216f, 16777216}, {-1e30f, -1e30f}, {0f, 0f}, {126.5f, 127},
        {-127.5f, -128}};
    for (float[] c : cases) {
      assertEquals(c[1], KernelRounding.roundHalfAwayFromZero(c[0]), "round(" + c[0] + ")");
    }
    assertEquals(Float.POSITIVE_INFINITY, KernelRounding.roundHalfAwayFromZero(Float.POSITIVE_INFINITY));
    assertEquals(Float.NaN, KernelRounding.roundHalfAwayFromZero(Float.NaN));
  }

  @Test
  void floatRoundingMatchesBigDecimalOnRandomFloats() {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 200_000; i++) {
      float v = (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(30)));
      if (i % 3 == 0) {
        v = (float) Math.floor(v) + 0.5f; // exact ties
      }
      float expected = new BigDecimal(v).setScale(0, RoundingMode.HALF_UP).floatValue();
      assertEquals(expected, KernelRounding.roundHalfAwayFromZero(v), 0f, "round(" + v + ")");
    }
  }
}
