package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's FakeQuantWithMinMaxVars forward: golden values computed independently in
 * float32 (NumPy), TensorFlow's own test vectors, and properties on random inputs.
 */
class FakeQuantTest {

  @Test
  void goldenMinusOneToOne8Bits() {
    // Nudge (see NudgeTest): scale s = 0x1.010102p-7, inv = 127.5, zero point 127,
    // nudged range [-0x1.fdfep-1, 0x1.010102p+0] = [-0.9960785, 1.0039216].
    // quant_zero = floor(fl(0.9960785 * 127.5) + 0.5) = floor(127.0 + 0.5) = 127.
    // x = 0.25: shifted = fl(0.25 + 0.9960785) = 1.2460785; fl(shifted / s) = 158.87...;
    //   - 127 = 31.87...; + 0.5, floor = 32; y = fl(32 * s) = 0x1.010102p-2 = 0.2509804.
    // x = -0.5: fl(-0.5 + 0.9960785) / s = 63.25...; - 127 + 0.5 = -63.24.., floor = -64;
    //   y = -64 * s = -0x1.010102p-1 = -0.5019608.
    float[] x = {-1.5f, -1f, -0.9960785f, -0.5f, 0f, 0.25f, 0x1.13131p-1f, 1f, 1.0039216f, 2f};
    float[] perTensor = {-0x1.fdfep-1f, -0x1.fdfep-1f, -0x1.fdfep-1f, -0x1.010102p-1f, 0f,
        0x1.010102p-2f, 0x1.111112p-1f, 0x1.010102p+0f, 0x1.010102p+0f, 0x1.010102p+0f};
    assertArrayEquals(perTensor, FakeQuant.forward(x, -1f, 1f, 8, false));
    // Per channel multiplies by inv = 127.5 instead of dividing by s: for x = 0x1.13131p-1
    // (0.5372548) the quotient lands on the other side of a .5 boundary, one step higher.
    float[] perChannel = perTensor.clone();
    perChannel[6] = 0x1.151516p-1f;
    assertArrayEquals(perChannel, FakeQuant.forwardPerChannel(x, new float[] {-1f},
        new float[] {1f}, 8, false));
  }

  @Test
  void goldenOtherRanges() {
    // [-0.1, 10]: zero point 3, s = 0x1.4477acp-5; 0.02 is 0.505 steps: one step up.
    assertArrayEquals(new float[] {-0x1.e6b382p-4f, 0f, 0x1.4477acp-5f, 0x1.3f65cep+2f,
            0x1.3f65cep+3f},
        FakeQuant.forward(new float[] {-0.2f, 0f, 0.02f, 5f, 10f}, -0.1f, 10f, 8, false));
    // ReLU6 [0, 6] at 8 bits: 3.0 is 127.5 steps: half up gives 128 * s = 3.0117648.
    assertArrayEquals(new float[] {0f, 0f, 0x1.818182p+1f, 6f, 6f},
        FakeQuant.forward(new float[] {-1f, 0.0117647f, 3f, 5.99f, 7f}, 0f, 6f, 8, false));
    // min > 0: [0.5, 2] nudges to [0, 1.5].
    assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f, 1.5f},
        FakeQuant.forward(new float[] {0f, 0.5f, 1f, 1.5f, 2f}, 0.5f, 2f, 8, false));
    // max < 0: [-3, -1] nudges to [-2, 0]; -1.0 is 127.5 steps above -2, a tie rounded up
    // per tensor (-0.9960785 * ...) but per channel the product falls just below it.
    assertArrayEquals(new float[] {-2f, -2f, -0x1.010102p+0f, 0f},
        FakeQuant.forward(new float[] {-3f, -2f, -1f, 0f}, -3f, -1f, 8, false));
    assertArrayEquals(new float[] {-2f, -2f, -0x1.fdfep-1f, 0f},
        FakeQuant.forwardPerChannel(new float[] {-3f, -2f, -1f, 0f}, new float[] {-3f},
            new float[] {-1f}, 8, false));
    // 2 bits, [-1, 1]: zero point 2, s = 0x1.555556p-1 (2/3); 0.2 is 0.3 steps, 0.4 is 0.6.
    float s2 = 0x1.555556p-1f;
    assertArrayEquals(new float[] {-s2, -s2, 0f, 0f, s2, s2},
        FakeQuant.forward(new float[] {-1f, -0.4f, 0f, 0.2f, 0.4f, 1f}, -1f, 1f, 2, false));
    // 16 bits narrow [-1, 1]: s = 0x1.0002p-15; 0.7 rounds to 0x1.6666ccp-1.
    assertArrayEquals(new float[] {-1f, 0f, 0f, 0x1.0002p-15f, 0x1.6666ccp-1f, 1f},
        FakeQuant.forward(new float[] {-1f, -1e-5f, 0f, 3e-5f, 0.7f, 1f}, -1f, 1f, 16, true));
  }

  @Test
  void gridTiesRoundHalfUp() {
    // [-128, 127] at 8 bits: scale 1, zero point 128, quant_zero 128; the arithmetic is exact.
    float[] x = {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, -127.5f, 126.5f};
    float[] y = {-2f, -1f, 0f, 1f, 2f, 3f, -127f, 127f};
    assertArrayEquals(y, FakeQuant.forward(x, -128f, 127f, 8, false));
    assertArrayEquals(y, FakeQuant.forwardPerChannel(x, new float[] {-128f},
        new float[] {127f}, 8, false));
  }

  @Test
  void floatSumQuirkOfHalfUpIsTensorFlows() {
    // [0, 255]: scale 1, quant_zero 0, so v = x; fl(0.49999997 + 0.5) = 1.0, floor 1.
    assertArrayEquals(new float[] {1f}, FakeQuant.forward(new float[] {0x1.fffffep-2f}, 0f,
        255f, 8, false));
    assertArrayEquals(new float[] {0f}, FakeQuant.forward(new float[] {0x1.fffffcp-2f}, 0f,
        255f, 8, false));
  }

  @Test
  void tensorFlowTestVectors() {
    // From TensorFlow's fake_quant_ops_test.cc (WithVars... cases): {bits, narrow, min, max},
    // inputs, expected outputs. TF compares with a tolerance of float epsilon; so do we.
    Object[][] cases = {
        {new float[] {8, 0, -0.1f, 63.65f}, new float[] {-0.1f, 0f, 0.1f, 0.25f, 63.75f, 63.8f},
            new float[] {0f, 0f, 0f, 0.25f, 63.75f, 63.75f}},
        {new float[] {8, 1, -0.1f, 63.4f}, new float[] {-0.1f, 0f, 0.1f, 0.25f, 63.5f, 63.6f},
            new float[] {0f, 0f, 0f, 0.25f, 63.5f, 63.5f}},
        {new float[] {8, 0, -0.1275f, 63.6225f},
            new float[] {-0.26f, -0.25f, -0.24f, 0f, 63.5f, 63.6f},
            new float[] {-0.25f, -0.25f, -0.25f, 0f, 63.5f, 63.5f}},
        {new float[] {8, 0, -63.65f, 0.1f},
            new float[] {-63.8f, -63.75f, -63.7f, -63.5f, 0f, 0.1f},
            new float[] {-63.75f, -63.75f, -63.75f, -63.5f, 0f, 0f}},
        {new float[] {8, 0, -10f, 53.75f},
            new float[] {-10.1f, -10f, -9.9f, -9.75f, 53.75f, 53.8f},
            new float[] {-10f, -10f, -10f, -9.75f, 53.75f, 53.75f}},
        {new float[] {4, 0, -0.4f, 7.1f}, new float[] {-0.6f, -0.5f, -0.24f, 0f, 7f, 7.1f},
            new float[] {-0.5f, -0.5f, 0f, 0f, 7f, 7f}},
        {new float[] {4, 1, -6.8f, 0.2f}, new float[] {-7.1f, -7f, -6.9f, -6.7f, 0f, 0.1f},
            new float[] {-7f, -7f, -7f, -6.5f, 0f, 0f}},
        {new float[] {2, 0, -1f, 0.5f}, new float[] {-1.1f, -1f, -0.9f, -0.3f, 0.1f, 0.6f},
            new float[] {-1f, -1f, -1f, -0.5f, 0f, 0.5f}},
        {new float[] {2, 1, -1f, 0f}, new float[] {-1.1f, -1f, -0.9f, -0.3f, 0f, 0.1f},
            new float[] {-1f, -1f, -1f, -0.5f, 0f, 0f}},
    };
    for (Object[] c : cases) {
      float[] p = (float[]) c[0];
      float[] x = (float[]) c[1];
      float[] expected = (float[]) c[2];
      int bits = (int) p[0];
      boolean narrow = p[1] != 0;
      assertClose(expected, FakeQuant.forward(x, p[2], p[3], bits, narrow));
      // Per channel with 3 channels last and equal ranges: TF's PerChannelDim2 tests.
      float[] mins = {p[2], p[2], p[2]};
      float[] maxs = {p[3], p[3], p[3]};
      assertClose(expected, FakeQuant.forwardPerChannel(x, mins, maxs, bits, narrow));
    }
  }

  @Test
  void outputsLieOnTheGridAndAreIdempotentOnRandomInputs() {
    SplittableRandom random = new SplittableRandom(1234L);
    for (int trial = 0; trial < 300; trial++) {
      int bits = trial % 15 + 2;
      boolean narrow = random.nextBoolean();
      float[] range = randomRange(random);
      NudgedRange r = Nudge.nudge(range[0], range[1], Nudge.quantMin(narrow), Nudge.quantMax(bits));
      float[] x = randomInputs(random, r, 500);
      for (boolean perChannel : new boolean[] {false, true}) {
        float[] y = perChannel
            ? FakeQuant.forwardPerChannel(x, new float[] {range[0]}, new float[] {range[1]},
                bits, narrow)
            : FakeQuant.forward(x, range[0], range[1], bits, narrow);
        String where = r + (perChannel ? " per channel" : " per tensor");
        int quantZero = r.zeroPoint() - r.quantMin();
        for (int i = 0; i < x.length; i++) {
          // On the grid: y = fl(n * s) for an integer n, i.e. grid index k = n + quantZero in
          // [0, quantMax - quantMin]. y / s is within float rounding (|n| * 2^-24) of n.
          double steps = (double) y[i] / r.scale();
          long n = Math.round(steps);
          assertEquals(n, steps, 1e-6 + Math.abs(n) * 0x1p-23, where + " x=" + x[i] + " y=" + y[i]);
          assertEquals((float) n * r.scale(), y[i], 0f, where + " x=" + x[i]);
          long k = n + quantZero;
          assertTrue(k >= 0 && k <= r.quantMax() - r.quantMin(), where);
          double relativeToMin = ((double) y[i] - r.min()) / r.scale();
          assertEquals(k, relativeToMin, 1e-3 + (Math.abs(n) + quantZero) * 0x1p-22,
              where + " x=" + x[i]);
          // Nearest grid point to the clamped input, except within float error of a tie:
          // TF's float steps (subtracting the nudged minimum, dividing) are off by up to a few
          // ulps of values as large as the whole grid, (quantMax - quantMin) * 2^-24 steps each.
          double clamped = Math.max(Math.min(x[i], r.max()), r.min());
          double exact = (clamped - r.min()) / r.scale();
          double fraction = exact - Math.floor(exact);
          double tieWindow = 1e-4 + (r.quantMax() - r.quantMin()) * 0x1p-21;
          if (Math.abs(fraction - 0.5) > tieWindow) {
            assertEquals(Math.floor(exact + 0.5), k, 0.0, where + " x=" + x[i]);
          }
        }
        float[] again = perChannel
            ? FakeQuant.forwardPerChannel(y, new float[] {range[0]}, new float[] {range[1]},
                bits, narrow)
            : FakeQuant.forward(y, range[0], range[1], bits, narrow);
        assertArrayEquals(y, again, "idempotent " + where);
        float[] zero = FakeQuant.forward(new float[] {0f, -0f}, range[0], range[1], bits, narrow);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(zero[0]), where);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(zero[1]), where);
      }
    }
  }

  @Test
  void outputIsMonotoneInTheInput() {
    SplittableRandom random = new SplittableRandom(99L);
    for (int trial = 0; trial < 100; trial++) {
      float[] range = randomRange(random);
      int bits = random.nextInt(2, 17);
      NudgedRange r = Nudge.nudge(range[0], range[1], 0, Nudge.quantMax(bits));
      float[] x = randomInputs(random, r, 400);
      java.util.Arrays.sort(x);
      float[] y = FakeQuant.forward(x, range[0], range[1], bits, false);
      for (int i = 1; i < y.length; i++) {
        assertTrue(y[i - 1] <= y[i], r + " at " + x[i - 1] + ", " + x[i]);
      }
    }
  }

  @Test
  void perTensorAndPerChannelRarelyDifferAndNeverByMoreThanOneStep() {
    SplittableRandom random = new SplittableRandom(5L);
    int differencesOnUniformInputs = 0;
    int uniformInputs = 0;
    for (int trial = 0; trial < 200; trial++) {
      float[] range = randomRange(random);
      NudgedRange r = Nudge.nudge(range[0], range[1], 0, 255);
      // Half of the inputs are exact grid points or half-steps, where the two ops often
      // disagree; the other half are uniform over the range, where they rarely do.
      float[] x = randomInputs(random, r, 1000);
      float width = r.max() - r.min();
      for (int i = 0; i < 500; i++) {
        x[i] = (float) (r.min() + random.nextDouble() * width);
      }
      float[] a = FakeQuant.forward(x, range[0], range[1], 8, false);
      float[] b = FakeQuant.forwardPerChannel(x, new float[] {range[0]},
          new float[] {range[1]}, 8, false);
      for (int i = 0; i < x.length; i++) {
        if (a[i] != b[i]) {
          assertEquals(1.0, Math.abs((double) a[i] - b[i]) / r.scale(), 1e-3, r + " x=" + x[i]);
          if (i < 500) {
            differencesOnUniformInputs++;
          }
        }
      }
      uniformInputs += 500;
    }
    assertTrue(differencesOnUniformInputs < uniformInputs / 1000,
        differencesOnUniformInputs + " of " + uniformInputs + " uniform inputs differ");
  }

  @Test
  void zeroRangeGivesZeros() {
    float[] y = FakeQuant.forward(new float[] {-3f, 0f, 5f, Float.POSITIVE_INFINITY}, 0f, 0f, 8,
        false);
    assertArrayEquals(new float[4], y);
    assertArrayEquals(new float[] {0f, 0f}, FakeQuant.forward(new float[] {1f, 2f}, -0f, 0f, 3,
        true));
    // Per channel: only the channel whose range is [0, 0] is zeroed.
    float[] perChannel = FakeQuant.forwardPerChannel(new float[] {0.3f, 0.3f, 0.7f, 0.7f},
        new float[] {0f, 0f}, new float[] {0f, 255f}, 8, false);
    assertArrayEquals(new float[] {0f, 0f, 0f, 1f}, perChannel);
  }

  @Test
  void extremeInputs() {
    NudgedRange r = Nudge.nudge(-1f, 1f, 0, 255);
    float[] y = FakeQuant.forward(new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MAX_VALUE, Float.MAX_VALUE},
        -1f, 1f, 8, false);
    assertArrayEquals(new float[] {r.min(), r.max(), 0f, 0f, 0f, r.min(), r.max()}, y);
    // A huge range still puts 0 on the grid and clamps at its ends.
    float[] huge = FakeQuant.forward(new float[] {0f, -3e38f, 3e38f, 1e30f}, -1e38f, 1e38f, 8,
        false);
    NudgedRange h = Nudge.nudge(-1e38f, 1e38f, 0, 255);
    assertEquals(0f, huge[0]);
    assertEquals(h.min(), huge[1]);
    assertEquals(h.max(), huge[2]);
    assertEquals(0f, huge[3]); // 1e30 is far below half a step of ~7.8e35
    // A tiny range of subnormal-free scale, with subnormal inputs.
    float[] tiny = FakeQuant.forward(new float[] {1e-30f, Float.MIN_VALUE}, -1e-30f, 1e-30f, 16,
        false);
    assertEquals(1e-30f, tiny[0], 1e-34f);
    assertEquals(0f, tiny[1]);
  }

  @Test
  void badInputsAndRangesAreRejected() {
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forward(new float[] {0f, Float.NaN}, -1f, 1f, 8, false));
    assertTrue(nan.getMessage().contains("x[1]"), nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forward(new float[] {Float.NaN}, 0f, 0f, 8, false));
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forward(new float[] {1f}, Float.NaN, 1f, 8, false));
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forward(new float[] {1f}, 1f, -1f, 8, false));
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forward(new float[] {1f}, 2f, 2f, 8, false));
    assertTrue(empty.getMessage().contains("min == max"), empty.getMessage());
    IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forward(new float[] {1f}, -1f, 1f, 1, false));
    assertTrue(bits.getMessage().contains("numBits 1"), bits.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forward(new float[] {1f}, 0f, 0f, 17, false));
    IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forwardPerChannel(new float[4], new float[] {-1f, 3f},
            new float[] {1f, 2f}, 8, false));
    assertTrue(channel.getMessage().contains("channel 1"), channel.getMessage());
    IllegalArgumentException layout = assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forwardPerChannel(new float[5], new float[] {-1f, -1f},
            new float[] {1f, 1f}, 8, false));
    assertTrue(layout.getMessage().contains("5"), layout.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forwardPerChannel(new float[4], new float[] {-1f, -1f},
            new float[] {1f}, 8, false));
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forwardPerChannel(new float[6], new int[] {2, 3}, 2,
            new float[] {-1f}, new float[] {1f}, 8, false));
    assertThrows(IllegalArgumentException.class,
        () -> FakeQuant.forwardPerChannel(new float[6], new int[] {2, 4}, 1,
            new float[4], new float[4], 8, false));
  }

  @Test
  void shapeAndAxisMatchChannelsLastAfterTransposing() {
    SplittableRandom random = new SplittableRandom(77L);
    int n = 2;
    int c = 3;
    int h = 4;
    int w = 5;
    float[] mins = {-1f, 0f, -0.3f};
    float[] maxs = {1f, 6f, 0.1f};
    float[] nhwc = new float[n * h * w * c];
    for (int i = 0; i < nhwc.length; i++) {
      nhwc[i] = (float) (random.nextDouble() * 8 - 2);
    }
    float[] nchw = new float[nhwc.length];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            nchw[((b * c + ch) * h + y) * w + x] = nhwc[((b * h + y) * w + x) * c + ch];
          }
        }
      }
    }
    float[] lastOut = FakeQuant.forwardPerChannel(nhwc, mins, maxs, 8, true);
    float[] axisOut = FakeQuant.forwardPerChannel(nchw, new int[] {n, c, h, w}, 1, mins, maxs,
        8, true);
    float[] shapeLast = FakeQuant.forwardPerChannel(nhwc, new int[] {n, h, w, c}, 3, mins,
        maxs, 8, true);
    assertArrayEquals(lastOut, shapeLast);
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            assertEquals(lastOut[((b * h + y) * w + x) * c + ch],
                axisOut[((b * c + ch) * h + y) * w + x], 0f);
          }
        }
      }
    }
    assertNotSame(nhwc, lastOut);
  }

  static float[] randomRange(SplittableRandom random) {
    float magnitude = (float) Math.scalb(1.0, random.nextInt(-10, 20));
    float lo = (float) (random.nextDouble() * magnitude);
    float hi = (float) (random.nextDouble() * magnitude) + 1e-2f * magnitude;
    switch (random.nextInt(6)) {
      case 0:
        return new float[] {lo, lo + hi};
      case 1:
        return new float[] {-lo - hi, -lo};
      case 2:
        return new float[] {0f, hi};
      case 3:
        return new float[] {-hi, 0f};
      default:
        return new float[] {-lo - 1e-3f * magnitude, hi};
    }
  }

  /** Inputs spread over and beyond the range, with exact grid points and half-steps. */
  static float[] randomInputs(SplittableRandom random, NudgedRange r, int count) {
    float[] x = new float[count];
    float width = r.max() - r.min();
    for (int i = 0; i < count; i++) {
      int k = random.nextInt(0, r.quantMax() - r.quantMin() + 1);
      switch (random.nextInt(4)) {
        case 0:
          x[i] = r.min() + k * r.scale();
          break;
        case 1:
          x[i] = r.min() + (k + 0.5f) * r.scale();
          break;
        case 2:
          x[i] = (float) (r.min() - 0.2 * width + random.nextDouble() * 1.4 * width);
          break;
        default:
          x[i] = random.nextBoolean() ? r.min() : r.max();
      }
    }
    return x;
  }

  private static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    float epsilon = Math.ulp(1.0f);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], epsilon + epsilon * Math.abs(expected[i]) * 64,
          "element " + i);
    }
  }
}
