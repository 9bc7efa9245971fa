package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    // 7 outputs in panels 4 wide: the last panel holds 3 columns, too many for a half panel.
    assertPanels(7, 3, 4, false);
    // 5 outputs: the last panel holds 1 column and is packed 2 wide; 6 outputs: 2 columns, still
    // half; 8 outputs: no partial panel at all.
    assertPanels(5, 3, 4, true);
    assertPanels(6, 2, 4, true);
    assertPanels(8, 2, 4, false);
    Int8Weights weights = Int8Weights.of(new byte[5 * 3], 5, 3);
    assertTrue(weights.floatPanels(4) == weights.floatPanels(4), "panels are built once");
    assertThrows(IllegalStateException.class, () -> weights.floatPanels(8));
  }

  /** Every element of the panels, weights and zero padding alike, against the documented layout. */
  private static void assertPanels(int outputs, int depth, int width, boolean narrowLast) {
    byte[] w = new byte[outputs * depth];
    for (int i = 0; i < w.length; i++) {
      w[i] = (byte) (i - 7 == 0 ? 100 : i - 7); // no zero weight, so a misplaced zero shows
    }
    Int8Weights weights = Int8Weights.of(w, outputs, depth);
    assertEquals(narrowLast, weights.narrowLastPanel(width), outputs + " outputs");
    float[] p = weights.floatPanels(width);
    int strips = (outputs + width - 1) / width;
    assertEquals(strips * depth * width, p.length);
    float[] expected = new float[p.length];
    for (int j = 0; j < outputs; j++) {
      int s = j / width;
      int stride = narrowLast && s == strips - 1 ? width / 2 : width;
      for (int k = 0; k < depth; k++) {
        expected[s * depth * width + k * stride + j - s * width] = w[j * depth + k];
      }
    }
    assertArrayEquals(expected, p, outputs + " outputs, width " + width);
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
