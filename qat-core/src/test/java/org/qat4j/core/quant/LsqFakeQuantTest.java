package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PyTorch's learnable (LSQ) fake quantization: hand-computed cases and random properties. */
class LsqFakeQuantTest {

  @Test
  void forwardRoundsHalfToEvenAndSaturates() {
    // s = 0.5, so 1/s = 2 exactly and x * (1/s) is exact; zero point 0, grid [-128, 127].
    // 0.25 -> 0.5 -> 0; 0.75 -> 1.5 -> 2; 1.25 -> 2.5 -> 2; -0.25 -> -0.5 -> -0;
    // -0.75 -> -1.5 -> -2; 100 -> 200 -> 127; -100 -> -200 -> -128.
    float[] x = {0.25f, 0.75f, 1.25f, -0.25f, -0.75f, 100f, -100f};
    float[] y = {0f, 1f, 1f, 0f, -1f, 63.5f, -64f};
    assertArrayEquals(y, LsqFakeQuant.forward(x, 0.5f, 0f, -128, 127));
    // Zero point 3 (learned 2.6 rounds to 3): q = 3 + rint(2x), y = (q - 3) * 0.5; on the
    // grid [0, 255], 100 -> 203 fits and -100 -> -197 saturates to 0, i.e. -1.5.
    assertArrayEquals(new float[] {0f, 1f, 1f, 0f, -1f, 100f, -1.5f},
        LsqFakeQuant.forward(x, 0.5f, 2.6f, 0, 255));
  }

  @Test
  void gradientsByHand() {
    // Grid [0, 3], s = 0.5 (1/s = 2), zero point 1, g = 1, gradient scale 1.
    // x = 1.0: index rint(1 + 2.0) = 3, inside: dx 1, ds = (fl((3-1)*0.5) - 1.0) * 2 = 0.
    // x = 1.3: index rint(1 + 2.6) = 4 > 3: dx 0, ds = 3 - 1 = 2, dz = -0.5.
    // x = -0.8: index rint(1 - 1.6) = -1 < 0: dx 0, ds = 0 - 1 = -1, dz = -0.5.
    // x = 0.3: index rint(1 + 0.6) = 2: ds = fl(fl(0.5 - 0.3) * 2) = 0.39999998, dz = 0.
    float[] x = {1.0f, 1.3f, -0.8f, 0.3f};
    LsqGradients grads = LsqFakeQuant.gradients(x, new float[] {1f, 1f, 1f, 1f}, 0.5f, 1f, 0, 3,
        1f);
    assertArrayEquals(new float[] {1f, 0f, 0f, 1f}, grads.dx());
    assertEquals(2f - 1f + 0.39999998f, grads.dScale(), 1e-7f);
    assertEquals(-1f, grads.dZeroPoint());
    // With a gradient scale k, the range gradients scale by k and dx does not.
    LsqGradients scaled = LsqFakeQuant.gradients(x, new float[] {1f, 1f, 1f, 1f}, 0.5f, 1f, 0,
        3, 0.25f);
    assertArrayEquals(grads.dx(), scaled.dx());
    assertEquals(grads.dScale() * 0.25f, scaled.dScale(), 1e-7f);
    assertEquals(-0.25f, scaled.dZeroPoint());
  }

  @Test
  void backwardAddsTheZeroPointBeforeRoundingAsPyTorchDoes() {
    // s = 0.5, zero point 1, x = 0.25: forward q = 1 + rint(0.5) = 1 + 0 = 1 (y = 0), but the
    // backward index is rint(1 + 0.5) = rint(1.5) = 2, so ds = g * (fl((2 - 1) * 0.5) - 0.25)
    // * 2 = 0.5 g rather than the -0.5 g the forward's index would give.
    assertArrayEquals(new float[] {0f}, LsqFakeQuant.forward(new float[] {0.25f}, 0.5f, 1f,
        -128, 127));
    LsqGradients grads = LsqFakeQuant.gradients(new float[] {0.25f}, new float[] {1f}, 0.5f, 1f,
        -128, 127, 1f);
    assertEquals(0.5f, grads.dScale());
    // With an even zero point both orders agree: rint(2 + 0.5) = 2 = 2 + rint(0.5).
    LsqGradients even = LsqFakeQuant.gradients(new float[] {0.25f}, new float[] {1f}, 0.5f, 2f,
        -128, 127, 1f);
    assertEquals(-0.5f, even.dScale());
  }

  @Test
  void zeroPointAndGradientScaleHelpers() {
    assertEquals(2, LsqFakeQuant.roundZeroPoint(2.5f, -128, 127));
    assertEquals(4, LsqFakeQuant.roundZeroPoint(3.5f, -128, 127));
    assertEquals(-4, LsqFakeQuant.roundZeroPoint(-3.7f, -128, 127));
    assertEquals(0, LsqFakeQuant.roundZeroPoint(-0.5f, -128, 127));
    assertEquals(255, LsqFakeQuant.roundZeroPoint(300f, 0, 255));
    assertEquals(0, LsqFakeQuant.roundZeroPoint(-7f, 0, 255));
    assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.roundZeroPoint(Float.NaN, 0, 255));
    assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.roundZeroPoint(Float.POSITIVE_INFINITY, 0, 255));
    // 1 / sqrt(1000 * 127) = 1 / 356.37059... = 0.0028060677 in float.
    assertEquals(0.0028060677f, LsqFakeQuant.gradScale(1000, 127));
    assertEquals(1f, LsqFakeQuant.gradScale(1, 1));
    assertThrows(IllegalArgumentException.class, () -> LsqFakeQuant.gradScale(0, 127));
    assertEquals(0x1p-23f, LsqFakeQuant.MIN_LEARNED_SCALE);
  }

  @Test
  void randomForwardIsOnTheGridIdempotentAndExactAtZero() {
    SplittableRandom random = new SplittableRandom(555L);
    for (int trial = 0; trial < 300; trial++) {
      int bits = trial % 15 + 2;
      QuantScheme scheme = new QuantScheme(bits, random.nextBoolean(), false,
          random.nextBoolean(), QuantScheme.PER_TENSOR);
      int quantMin = scheme.quantMin();
      int quantMax = scheme.quantMax();
      float scale = (float) Math.scalb(0.5 + random.nextDouble(), random.nextInt(-20, 10));
      float zeroPoint = (float) (quantMin + random.nextDouble() * (quantMax - quantMin));
      int z = LsqFakeQuant.roundZeroPoint(zeroPoint, quantMin, quantMax);
      float[] x = new float[300];
      for (int i = 0; i < x.length; i++) {
        double steps = quantMin - z - 5 + random.nextDouble() * (quantMax - quantMin + 10);
        x[i] = (float) ((random.nextInt(4) == 0 ? Math.floor(steps) + 0.5 : steps) * scale);
      }
      float[] y = LsqFakeQuant.forward(x, scale, zeroPoint, quantMin, quantMax);
      String where = scheme + " s=" + scale + " z=" + z;
      for (int i = 0; i < x.length; i++) {
        long n = Math.round(y[i] / (double) scale);
        assertEquals((float) n * scale, y[i], 0f, where + " x=" + x[i]);
        assertTrue(n >= quantMin - z && n <= quantMax - z, where + " x=" + x[i]);
        // Nearest grid point (ties to even) of the clamped input, away from float error.
        double exact = x[i] / (double) scale;
        double clamped = Math.max(Math.min(exact, quantMax - z), quantMin - z);
        double fraction = Math.abs(clamped - Math.floor(clamped) - 0.5);
        if (fraction > 1e-4 + Math.abs(clamped) * 0x1p-21) {
          assertEquals(Math.rint(clamped), n, 0.0, where + " x=" + x[i]);
        }
      }
      assertArrayEquals(y, LsqFakeQuant.forward(y, scale, zeroPoint, quantMin, quantMax), where);
      assertEquals(0, Float.floatToRawIntBits(
          LsqFakeQuant.forward(new float[] {0f}, scale, zeroPoint, quantMin, quantMax)[0]));
    }
  }

  @Test
  void randomGradientsMatchTheLsqFormulas() {
    SplittableRandom random = new SplittableRandom(808L);
    for (int trial = 0; trial < 200; trial++) {
      int quantMin = random.nextBoolean() ? -128 : 0;
      int quantMax = quantMin + 255;
      float scale = (float) Math.scalb(0.5 + random.nextDouble(), random.nextInt(-12, 4));
      float zeroPoint = (float) (quantMin + random.nextDouble() * 255);
      int z = LsqFakeQuant.roundZeroPoint(zeroPoint, quantMin, quantMax);
      float k = random.nextBoolean() ? 1f : LsqFakeQuant.gradScale(400, quantMax);
      // Inputs away from ties, where float and double arithmetic pick the same grid index.
      float[] x = new float[400];
      float[] g = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        double steps;
        do {
          steps = quantMin - z - 20 + random.nextDouble() * 295;
        } while (Math.abs(steps - Math.floor(steps) - 0.5) < 1e-3);
        x[i] = (float) (steps * scale);
        g[i] = (float) random.nextGaussian();
      }
      LsqGradients grads = LsqFakeQuant.gradients(x, g, scale, zeroPoint, quantMin, quantMax, k);
      double dScale = 0;
      double dZero = 0;
      double magnitude = 0;
      for (int i = 0; i < x.length; i++) {
        double steps = x[i] / (double) scale;
        double index = z + Math.rint(steps);
        boolean inside = index >= quantMin && index <= quantMax;
        assertEquals(inside ? g[i] : 0f, grads.dx()[i], 0f, "x=" + x[i]);
        if (index < quantMin) {
          dScale += g[i] * (quantMin - z) * k;
          dZero -= g[i] * scale * k;
        } else if (index > quantMax) {
          dScale += g[i] * (quantMax - z) * k;
          dZero -= g[i] * scale * k;
        } else {
          // LSQ's in-range term: how far rounding moved the input, in steps (eq. 16).
          dScale += g[i] * (Math.rint(steps) - steps) * k;
        }
        magnitude += Math.abs(g[i]) * 256 * k;
      }
      assertEquals(dScale, grads.dScale(), 1e-5 * magnitude, "s=" + scale + " z=" + z);
      assertEquals(dZero, grads.dZeroPoint(), 1e-6 * magnitude * scale, "s=" + scale);
    }
  }

  @Test
  void perChannelEqualsPerTensorOnEachChannel() {
    SplittableRandom random = new SplittableRandom(4L);
    int[] shape = {3, 4, 2};
    float[] scales = {0.1f, 0.02f, 1.5f, 0.25f};
    float[] zeroPoints = {0f, -3.4f, 10.6f, 127f};
    float[] x = new float[24];
    float[] g = new float[24];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() * 40 - 20);
      g[i] = (float) random.nextGaussian();
    }
    float[] y = LsqFakeQuant.forwardPerChannel(x, shape, 1, scales, zeroPoints, -128, 127);
    LsqPerChannelGradients grads = LsqFakeQuant.gradientsPerChannel(x, g, shape, 1, scales,
        zeroPoints, -128, 127, 0.5f);
    for (int c = 0; c < 4; c++) {
      float[] xc = new float[6];
      float[] gc = new float[6];
      int[] at = new int[6];
      int j = 0;
      for (int o = 0; o < 3; o++) {
        for (int k = 0; k < 2; k++) {
          at[j] = (o * 4 + c) * 2 + k;
          xc[j] = x[at[j]];
          gc[j++] = g[at[j - 1]];
        }
      }
      float[] yc = LsqFakeQuant.forward(xc, scales[c], zeroPoints[c], -128, 127);
      LsqGradients single = LsqFakeQuant.gradients(xc, gc, scales[c], zeroPoints[c], -128, 127,
          0.5f);
      for (j = 0; j < 6; j++) {
        assertEquals(yc[j], y[at[j]], 0f);
        assertEquals(single.dx()[j], grads.dx()[at[j]], 0f);
      }
      assertEquals(single.dScale(), grads.dScale()[c], 0f, "channel " + c);
      assertEquals(single.dZeroPoint(), grads.dZeroPoint()[c], 0f, "channel " + c);
    }
  }

  @Test
  void powerOfTwoScalesAgreeWithQuantizeThenDequantize() {
    // With s = 2^-k, x * (1/s) equals x / s exactly, so LSQ's forward is Quantizer's
    // HALF_TO_EVEN quantize followed by dequantize.
    SplittableRandom random = new SplittableRandom(12L);
    QuantScheme scheme = QuantScheme.int8ActivationsAsymmetric();
    QuantParams params = QuantParams.of(0x1p-5f, -7, scheme);
    float[] x = new float[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (Math.floor(random.nextDouble() * 600 - 300) / 64.0);
    }
    float[] viaQuantizer = Quantizer.dequantize(Quantizer.quantize(x, params, scheme,
        Rounding.HALF_TO_EVEN), params);
    assertArrayEquals(viaQuantizer, LsqFakeQuant.forward(x, 0x1p-5f, -7f, -128, 127));
  }

  @Test
  void extremesAndBadArguments() {
    float[] y = LsqFakeQuant.forward(new float[] {Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE}, 0.5f, 0f, -128, 127);
    assertArrayEquals(new float[] {63.5f, -64f, 0f}, y);
    LsqGradients inf = LsqFakeQuant.gradients(new float[] {Float.POSITIVE_INFINITY},
        new float[] {1f}, 0.5f, 0f, -128, 127, 1f);
    assertEquals(127f, inf.dScale());
    IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.forward(new float[1], 1e-39f, 0f, -128, 127));
    assertTrue(scale.getMessage().contains("MIN_LEARNED_SCALE"), scale.getMessage());
    for (float bad : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class,
          () -> LsqFakeQuant.forward(new float[1], bad, 0f, -128, 127));
    }
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.forward(new float[] {1f, Float.NaN}, 0.5f, 0f, -128, 127));
    assertTrue(nan.getMessage().contains("x[1]"), nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.gradients(new float[2], new float[1], 0.5f, 0f, -128, 127, 1f));
    assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.gradients(new float[1], new float[1], 0.5f, 0f, -128, 127, 0f));
    assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.forward(new float[1], 0.5f, 0f, 127, -128));
    assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.forward(new float[1], 0.5f, 0f, 0, 65536));
    assertThrows(IllegalArgumentException.class,
        () -> LsqFakeQuant.forwardPerChannel(new float[6], new int[] {2, 3}, 1,
            new float[] {1f, 1f}, new float[] {0f, 0f}, -128, 127));
  }
}
