package org.qat4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
