package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TensorFlow's FakeQuantWithMinMaxVars gradients: STE inside, PACT sums outside. */
class FakeQuantGradientsTest {

  @Test
  void tensorFlowGradientVector() {
    // TF's ...GradientNudgedDown_RegularRange: [-0.1, 63.65] nudges to [0, 63.75].
    float[] x = {-0.1f, 0f, 63.75f, 63.8f};
    float[] g = {1.5f, 2f, 3f, 4.25f};
    FakeQuantGradients grads = FakeQuant.gradients(x, g, -0.1f, 63.65f, 8, false);
    assertArrayEquals(new float[] {0f, 2f, 3f, 0f}, grads.dx());
    assertEquals(1.5f, grads.dMin());
    assertEquals(4.25f, grads.dMax());
    PerChannelFakeQuantGradients perChannel = FakeQuant.gradientsPerChannel(x, g,
        new float[] {-0.1f, -0.1f, -0.1f, -0.1f}, new float[] {63.65f, 63.65f, 63.65f, 63.65f},
        8, false);
    assertArrayEquals(new float[] {0f, 2f, 3f, 0f}, perChannel.dx());
    assertArrayEquals(new float[] {1.5f, 0f, 0f, 0f}, perChannel.dMin());
    assertArrayEquals(new float[] {0f, 0f, 0f, 4.25f}, perChannel.dMax());
  }

  @Test
  void boundariesAtTheNudgedEndsCountAsInside() {
    NudgedRange r = Nudge.nudge(-1f, 1f, 0, 255);
    float[] x = {r.min(), r.max(), Math.nextDown(r.min()), Math.nextUp(r.max()), 0f};
    float[] g = {1f, 10f, 100f, 1000f, 10000f};
    FakeQuantGradients grads = FakeQuant.gradients(x, g, -1f, 1f, 8, false);
    assertArrayEquals(new float[] {1f, 10f, 0f, 0f, 10000f}, grads.dx());
    assertEquals(100f, grads.dMin());
    assertEquals(1000f, grads.dMax());
    // The forward values at the ends are the ends themselves.
    assertArrayEquals(new float[] {r.min(), r.max(), r.min(), r.max(), 0f},
        FakeQuant.forward(x, -1f, 1f, 8, false));
    // The learned min -1 lies below the nudged min -0.9960785, so it counts as outside.
    FakeQuantGradients original = FakeQuant.gradients(new float[] {-1f, 1f},
        new float[] {1f, 1f}, -1f, 1f, 8, false);
    assertArrayEquals(new float[] {0f, 1f}, original.dx());
    assertEquals(1f, original.dMin());
    assertEquals(0f, original.dMax());
  }

  @Test
  void randomGradientsMatchTheMasksAndSums() {
    SplittableRandom random = new SplittableRandom(2024L);
    for (int trial = 0; trial < 300; trial++) {
      int bits = trial % 15 + 2;
      boolean narrow = random.nextBoolean();
      float[] range = FakeQuantTest.randomRange(random);
      NudgedRange r = Nudge.nudge(range[0], range[1], Nudge.quantMin(narrow),
          Nudge.quantMax(bits));
      float[] x = FakeQuantTest.randomInputs(random, r, 400);
      float[] g = new float[x.length];
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (random.nextGaussian() * 3);
      }
      FakeQuantGradients grads = FakeQuant.gradients(x, g, range[0], range[1], bits, narrow);
      double below = 0;
      double above = 0;
      double magnitude = 0;
      for (int i = g.length - 1; i >= 0; i--) {
        boolean inside = x[i] >= r.min() && x[i] <= r.max();
        assertEquals(inside ? g[i] : 0f, grads.dx()[i], 0f, r + " x=" + x[i]);
        if (x[i] < r.min()) {
          below += g[i];
        } else if (x[i] > r.max()) {
          above += g[i];
        }
        magnitude += Math.abs(g[i]);
      }
      assertEquals(below, grads.dMin(), 1e-6 * magnitude, r.toString());
      assertEquals(above, grads.dMax(), 1e-6 * magnitude, r.toString());
      double total = 0;
      double passed = 0;
      for (int i = 0; i < g.length; i++) {
        total += g[i];
        passed += grads.dx()[i];
      }
      // Every upstream gradient goes to exactly one of x, min and max.
      assertEquals(total, passed + grads.dMin() + grads.dMax(), 1e-5 * magnitude);
    }
  }

  @Test
  void masksMultiplyLikeTensorFlow() {
    // TF computes dx = g * mask: a negative g outside gives -0.0, an infinite one NaN, and an
    // infinite g anywhere poisons both range sums (inf * 0 = NaN).
    FakeQuantGradients negative = FakeQuant.gradients(new float[] {5f}, new float[] {-2f}, -1f,
        1f, 8, false);
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(negative.dx()[0]));
    assertEquals(-2f, negative.dMax());
    FakeQuantGradients infinite = FakeQuant.gradients(new float[] {0.5f, 5f},
        new float[] {Float.POSITIVE_INFINITY, 1f}, -1f, 1f, 8, false);
    assertEquals(Float.POSITIVE_INFINITY, infinite.dx()[0]);
    assertTrue(Float.isNaN(infinite.dMin()) && Float.isNaN(infinite.dMax()), infinite.toString());
  }

  @Test
  void zeroRangePassesTheGradientThrough() {
    float[] g = {1f, -2f, 3f};
    FakeQuantGradients grads = FakeQuant.gradients(new float[] {-5f, 0f, 5f}, g, 0f, 0f, 8,
        false);
    assertArrayEquals(g, grads.dx());
    assertNotSame(g, grads.dx());
    assertEquals(0f, grads.dMin());
    assertEquals(0f, grads.dMax());
    PerChannelFakeQuantGradients perChannel = FakeQuant.gradientsPerChannel(
        new float[] {-5f, -5f, 5f, 5f}, new float[] {1f, 2f, 3f, 4f}, new float[] {0f, -1f},
        new float[] {0f, 1f}, 8, false);
    assertArrayEquals(new float[] {1f, 0f, 3f, 0f}, perChannel.dx());
    assertArrayEquals(new float[] {0f, 2f}, perChannel.dMin());
    assertArrayEquals(new float[] {0f, 4f}, perChannel.dMax());
  }

  @Test
  void rangesExcludingZeroGetGradientsAgainstTheirNudgedEnds() {
    // [0.5, 2] nudges to [0, 1.5]: 0.25 is inside although below the learned min.
    FakeQuantGradients grads = FakeQuant.gradients(new float[] {-0.1f, 0.25f, 1.75f},
        new float[] {1f, 1f, 1f}, 0.5f, 2f, 8, false);
    assertArrayEquals(new float[] {0f, 1f, 0f}, grads.dx());
    assertEquals(1f, grads.dMin());
    assertEquals(1f, grads.dMax());
  }

  @Test
  void perChannelGradientsEqualPerTensorGradientsOfEachChannel() {
    SplittableRandom random = new SplittableRandom(31L);
    int outer = 6;
    int channels = 4;
    int inner = 5;
    float[] mins = new float[channels];
    float[] maxs = new float[channels];
    for (int c = 0; c < channels; c++) {
      float[] range = FakeQuantTest.randomRange(random);
      mins[c] = range[0];
      maxs[c] = range[1];
    }
    mins[2] = 0f;
    maxs[2] = 0f;
    float[] x = new float[outer * channels * inner];
    float[] g = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = (i / inner) % channels;
      float width = Math.max(maxs[c] - mins[c], 1f);
      x[i] = (float) (mins[c] - 0.3 * width + random.nextDouble() * 1.6 * width);
      g[i] = (float) random.nextGaussian();
    }
    PerChannelFakeQuantGradients grads = FakeQuant.gradientsPerChannel(x, g,
        new int[] {outer, channels, inner}, 1, mins, maxs, 7, true);
    for (int c = 0; c < channels; c++) {
      float[] xc = new float[outer * inner];
      float[] gc = new float[xc.length];
      int j = 0;
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < inner; k++) {
          int index = (o * channels + c) * inner + k;
          xc[j] = x[index];
          gc[j++] = g[index];
        }
      }
      FakeQuantGradients single = FakeQuant.gradients(xc, gc, mins[c], maxs[c], 7, true);
      j = 0;
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < inner; k++) {
          assertEquals(single.dx()[j++], grads.dx()[(o * channels + c) * inner + k], 0f);
        }
      }
      assertEquals(single.dMin(), grads.dMin()[c], 0f, "channel " + c);
      assertEquals(single.dMax(), grads.dMax()[c], 0f, "channel " + c);
    }
  }

  @Test
  void badArgumentsAreRejected() {
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.gradients(new float[3], new float[2], -1f, 1f, 8, false));
    assertTrue(length.getMessage().contains("3") && length.getMessage().contains("2"),
        length.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.gradients(new float[] {Float.NaN}, new float[1], 0f, 0f, 8, false));
    assertTrue(nan.getMessage().contains("x[0]"), nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.gradients(new float[1], new float[1], 1f, -1f, 8, false));
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.gradientsPerChannel(new float[4], new float[3], new float[] {-1f},
            new float[] {1f}, 8, false));
  }
}
