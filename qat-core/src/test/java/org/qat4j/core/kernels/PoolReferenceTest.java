package org.qat4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qat4j.core.kernels.KernelOracles.between;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Max and average pooling against an oracle that walks the padded window and skips padding. */
class PoolReferenceTest {

  @Test
  void bothPoolsMatchOracleOnRandomGeometry() {
    SplittableRandom r = new SplittableRandom(3);
    int tested = 0;
    while (tested < 300) {
      int kh = between(r, 1, 5);
      int kw = between(r, 1, 5);
      int sh = between(r, 1, 3);
      int sw = between(r, 1, 3);
      int h = between(r, 1, 10);
      int w = between(r, 1, 10);
      int c = between(r, 1, 4);
      int pt = between(r, 0, kh - 1);
      int pb = between(r, 0, kh - 1);
      int pl = between(r, 0, kw - 1);
      int pr = between(r, 0, kw - 1);
      int oh = KernelOracles.outSize(h, pt, pb, kh, sh, 1);
      int ow = KernelOracles.outSize(w, pl, pr, kw, sw, 1);
      if (oh == 0 || ow == 0) {
        continue;
      }
      int min = r.nextInt(3) == 0 ? between(r, -128, 0) : -128;
      int max = r.nextInt(3) == 0 ? between(r, min, 127) : 127;
      PoolParams p = new PoolParams(new FeatureMap(h, w, c), new FeatureMap(oh, ow, c),
          new Window(kh, kw, sh, sw, 1, 1, pt, pl), min, max);
      int batches = between(r, 1, 3);
      byte[] input = KernelOracles.bytes(r, batches * h * w * c, -128, 127);
      byte[] out = new byte[batches * oh * ow * c];
      MaxPoolReference.maxPool(p, batches, input, out);
      assertArrayEquals(KernelOracles.pool(p, batches, input, true), out, "max " + p);
      AveragePoolReference.averagePool(p, batches, input, out);
      assertArrayEquals(KernelOracles.pool(p, batches, input, false), out, "average " + p);
      tested++;
    }
  }

  @Test
  void averagePoolRoundsTiesAwayFromZero() {
    // 1x2 windows, stride 2: pairs (0,1) (-1,0) (1,2) (-2,-1) (127,126) (-128,-127) (3,3) (-3,-4).
    byte[] in = {0, 1, -1, 0, 1, 2, -2, -1, 127, 126, -128, -127, 3, 3, -3, -4};
    PoolParams p = new PoolParams(new FeatureMap(1, 16, 1), new FeatureMap(1, 8, 1), new Window(1, 2, 1, 2, 1, 1, 0, 0),
        -128, 127);
    byte[] out = new byte[8];
    AveragePoolReference.averagePool(p, 1, in, out);
    // 0.5 -> 1, -0.5 -> -1, 1.5 -> 2, -1.5 -> -2, 126.5 -> 127, -127.5 -> -128, 3, -3.5 -> -4.
    assertArrayEquals(new byte[] {1, -1, 2, -2, 127, -128, 3, -4}, out);
  }

  @Test
  void averagePoolExcludesPaddingFromTheCount() {
    // 2x2 input of 10s, 3x3 window, SAME padding 1: every window sees four 10s and five padding
    // positions. Excluding padding the average is 10; counting it as zero would give 40/9 = 4.
    byte[] in = {10, 10, 10, 10};
    PoolParams p = new PoolParams(new FeatureMap(2, 2, 1), new FeatureMap(2, 2, 1), new Window(3, 3, 1, 1, 1, 1, 1, 1),
        -128, 127);
    byte[] out = new byte[4];
    AveragePoolReference.averagePool(p, 1, in, out);
    assertArrayEquals(new byte[] {10, 10, 10, 10}, out);
  }

  @Test
  void maxPoolIgnoresPaddingEvenWhenAllValuesAreNegative() {
    byte[] in = {-100, -90, -80, -70};
    PoolParams p = new PoolParams(new FeatureMap(2, 2, 1), new FeatureMap(2, 2, 1), new Window(2, 2, 1, 1, 1, 1, 1, 1),
        -128, 127);
    byte[] out = new byte[4];
    MaxPoolReference.maxPool(p, 1, in, out);
    assertArrayEquals(new byte[] {-100, -90, -80, -70}, out);
  }

  @Test
  void aWindowEntirelyInPaddingIsRejected() {
    PoolParams p = new PoolParams(new FeatureMap(1, 1, 1), new FeatureMap(1, 3, 1), new Window(1, 1, 1, 1, 1, 1, 0, 1),
        -128, 127);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AveragePoolReference.averagePool(p, 1, new byte[1], new byte[3]));
    assertEquals("pooling window at output (0, 0) lies entirely in padding; reduce the padding below the window size",
        e.getMessage());
  }
}
