package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Int8WeightsTest {

  @Test
  void holdsACopyWithExactRowSums() {
    SplittableRandom rnd = new SplittableRandom(0x5EED_0020L);
    byte[] w = GemmOracle.randomInt8(rnd, 7 * 33, true, true);
    Int8Weights weights = Int8Weights.of(w, 7, 33);
    byte[] original = w.clone();
    w[0] = (byte) (w[0] + 1);
    assertEquals(7, weights.outputs());
    assertEquals(33, weights.depth());
    for (int j = 0; j < 7; j++) {
      int sum = 0;
      for (int k = 0; k < 33; k++) {
        assertEquals(original[j * 33 + k], weights.get(j, k));
        sum += original[j * 33 + k];
      }
      assertEquals(sum, weights.rowSum(j));
    }
  }

  @Test
  void floatPanelsPlaceEveryWeightAndPadWithZero() {
    byte[] w = new byte[5 * 3];
    for (int i = 0; i < w.length; i++) {
      w[i] = (byte) (i - 7);
    }
    Int8Weights weights = Int8Weights.of(w, 5, 3);
    float[] p = weights.floatPanels(4);
    assertEquals(2 * 3 * 4, p.length);
    for (int j = 0; j < 8; j++) {
      for (int k = 0; k < 3; k++) {
        float want = j < 5 ? w[j * 3 + k] : 0f;
        assertEquals(want, p[(j / 4) * 3 * 4 + k * 4 + j % 4], "j=" + j + " k=" + k);
      }
    }
    assertTrue(p == weights.floatPanels(4), "panels are built once");
    assertThrows(IllegalStateException.class, () -> weights.floatPanels(8));
  }

  @Test
  void badShapesAreRejectedWithTheValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Int8Weights.of(new byte[10], 3, 4));
    assertTrue(e.getMessage().contains("has 10 values") && e.getMessage().contains("3 x 4 = 12"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Int8Weights.of(new byte[0], 0, 4));
    assertTrue(e.getMessage().contains("outputs (N) is 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Int8Weights.of(new byte[0], 4, -1));
    assertTrue(e.getMessage().contains("depth (K) is -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Int8Weights.of(new byte[0], 1 << 16, 1 << 16));
    assertTrue(e.getMessage().contains("more than a Java array holds"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> Int8Weights.of(new byte[4], 2, 2).get(2, 0));
  }
}
