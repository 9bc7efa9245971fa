package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Array quantize/dequantize: ties per rounding mode, saturation, per channel, round trips. */
class QuantizerTest {

  private static final QuantScheme INT8 = QuantScheme.int8ActivationsAsymmetric();

  @Test
  void floatDivisionMakesTheseQuotientsExactTies() {
    // fl(x / fl(0.1)) for x = 0.05, 0.25, 0.35, -0.25, 12.75 is exactly 0.5, 2.5, 3.5, -2.5,
    // 127.5 in float (NumPy float32 agrees), although 0.35 / 0.1 is 3.4999999... in exact
    // arithmetic. Each mode then breaks the tie its own way, before adding the zero point.
    float[] x = {0.05f, 0.25f, 0.35f, -0.25f, 12.75f};
    QuantParams params = QuantParams.of(0.1f, 0, INT8);
    assertArrayEquals(new int[] {1, 3, 4, -3, 127},
        Quantizer.quantize(x, params, INT8, Rounding.HALF_AWAY_FROM_ZERO));
    assertArrayEquals(new int[] {0, 2, 4, -2, 127},
        Quantizer.quantize(x, params, INT8, Rounding.HALF_TO_EVEN));
    assertArrayEquals(new int[] {1, 3, 4, -2, 127},
        Quantizer.quantize(x, params, INT8, Rounding.HALF_UP));
    // The zero point is added after rounding: with zero point 11, half to even still rounds
    // 2.5 to 2 (giving 13), where rounding 13.5 would have given 14.
    QuantParams shifted = QuantParams.of(0.1f, 11, INT8);
    assertEquals(13, Quantizer.quantize(0.25f, shifted, INT8, Rounding.HALF_TO_EVEN));
    assertEquals(14, Quantizer.quantize(0.25f, shifted, INT8, Rounding.HALF_AWAY_FROM_ZERO));
  }

  @Test
  void saturatesAtTheStorageEnds() {
    QuantParams params = QuantParams.of(0.5f, -10, INT8);
    float[] x = {1e30f, -1e30f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 68.5f, -59.5f,
        Float.MAX_VALUE};
    assertArrayEquals(new int[] {127, -128, 127, -128, 127, -128, 127},
        Quantizer.quantize(x, params, INT8, Rounding.HALF_AWAY_FROM_ZERO));
    QuantScheme weights = QuantScheme.int8WeightsSymmetricNarrowPerTensor();
    assertArrayEquals(new int[] {-127, 127, 0},
        Quantizer.quantize(new float[] {-1000f, 1000f, Float.MIN_VALUE},
            QuantParams.of(1f, 0, weights), weights, Rounding.HALF_TO_EVEN));
  }

  @Test
  void everyStorageValueRoundTrips() {
    SplittableRandom random = new SplittableRandom(3L);
    for (int trial = 0; trial < 200; trial++) {
      int bits = trial % 15 + 2;
      QuantScheme scheme = new QuantScheme(bits, random.nextBoolean(), false,
          random.nextBoolean(), QuantScheme.PER_TENSOR);
      float scale = (float) Math.scalb(0.5 + random.nextDouble(), random.nextInt(-30, 30));
      int zeroPoint = random.nextInt(scheme.quantMin(), scheme.quantMax() + 1);
      QuantParams params = QuantParams.of(scale, zeroPoint, scheme);
      int count = Math.min(scheme.quantMax() - scheme.quantMin() + 1, 4096);
      int[] q = new int[count];
      for (int i = 0; i < count; i++) {
        q[i] = scheme.quantMin() + (int) ((long) i * (scheme.quantMax() - scheme.quantMin())
            / Math.max(count - 1, 1));
      }
      float[] real = Quantizer.dequantize(q, params);
      for (int i = 0; i < count; i++) {
        assertEquals((float) (q[i] - zeroPoint) * scale, real[i], 0f);
      }
      for (Rounding rounding : Rounding.values()) {
        assertArrayEquals(q, Quantizer.quantize(real, params, scheme, rounding),
            scheme + " " + params + " " + rounding);
      }
    }
  }

  @Test
  void quantizeIsTheNearestStorageValue() {
    SplittableRandom random = new SplittableRandom(8L);
    QuantParams params = QuantParams.of(0.037f, 5, INT8);
    for (int i = 0; i < 20_000; i++) {
      float x = (float) (random.nextDouble() * 12 - 6);
      int q = Quantizer.quantize(x, params, INT8, Rounding.HALF_TO_EVEN);
      double steps = x / (double) 0.037f;
      double error = Math.abs(steps - Math.rint(steps));
      if (Math.abs(error - 0.5) > 1e-4) {
        long expected = Math.max(-128, Math.min(127, (long) Math.rint(steps) + 5));
        assertEquals(expected, q, "x=" + x);
      }
      assertEquals(q, Quantizer.quantize(new float[] {x}, params, INT8,
          Rounding.HALF_TO_EVEN)[0]);
    }
  }

  @Test
  void perChannelUsesEachChannelsParameters() {
    QuantScheme scheme = QuantScheme.int8WeightsSymmetricNarrowPerChannel(0);
    PerChannelQuantParams params = PerChannelQuantParams.symmetric(new float[] {0.5f, 0.01f}, 0);
    float[] w = {1.25f, -1.25f, 100f, 0.015f, -0.025f, 1f};
    int[] q = Quantizer.quantizePerChannel(w, new int[] {2, 3}, params, scheme,
        Rounding.HALF_AWAY_FROM_ZERO);
    // Channel 0 (s = 0.5): 2.5 -> 3, -2.5 -> -3, 200 -> 127. Channel 1 (s = 0.01): 1.5 -> 2,
    // fl(-0.025 / 0.01) -> -3, 100 -> 100.
    assertArrayEquals(new int[] {3, -3, 127, 2, -3, 100}, q);
    float[] back = Quantizer.dequantizePerChannel(q, new int[] {2, 3}, params);
    assertArrayEquals(new float[] {1.5f, -1.5f, 63.5f, (float) (0.01f * 2.0),
        (float) (0.01f * -3.0), (float) (0.01f * 100.0)}, back);

    // Axis 1 of a [2, 3, 2] tensor: compare with per-tensor quantization of each slice.
    QuantScheme asymmetric = new QuantScheme(8, true, false, false, 1);
    PerChannelQuantParams three = new PerChannelQuantParams(new float[] {0.1f, 0.2f, 0.3f},
        new int[] {-5, 0, 7}, 1);
    SplittableRandom random = new SplittableRandom(1L);
    float[] x = new float[12];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() * 20 - 10);
    }
    int[] quantized = Quantizer.quantizePerChannel(x, new int[] {2, 3, 2}, three, asymmetric,
        Rounding.HALF_TO_EVEN);
    for (int i = 0; i < x.length; i++) {
      int c = (i / 2) % 3;
      assertEquals(Quantizer.quantize(x[i], three.channel(c), INT8, Rounding.HALF_TO_EVEN),
          quantized[i], "element " + i);
    }
  }

  @Test
  void dequantizeAcceptsInt32Values() {
    QuantParams bias = new QuantParams(1e-3f, 0);
    float[] real = Quantizer.dequantize(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE}, bias);
    assertEquals((float) ((double) 1e-3f * Integer.MAX_VALUE), real[0]);
    assertEquals((float) ((double) 1e-3f * Integer.MIN_VALUE), real[1]);
    // The difference q - zeroPoint is formed in long: no int overflow.
    assertEquals((float) ((double) 2f * (Integer.MIN_VALUE - 5L)),
        Quantizer.dequantize(Integer.MIN_VALUE, new QuantParams(2f, 5)));
  }

  @Test
  void badArgumentsAreRejected() {
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Quantizer.quantize(new float[] {1f, 2f, Float.NaN}, new QuantParams(1f, 0), INT8,
            Rounding.HALF_TO_EVEN));
    assertTrue(nan.getMessage().contains("x[2]"), nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Quantizer.quantize(Float.NaN, new QuantParams(1f, 0), INT8, Rounding.HALF_UP));
    assertThrows(IllegalArgumentException.class,
        () -> Quantizer.quantize(new float[1], new QuantParams(1f, 200), INT8,
            Rounding.HALF_TO_EVEN));
    assertThrows(IllegalArgumentException.class,
        () -> Quantizer.quantize(new float[1], new QuantParams(1f, 0),
            QuantScheme.int8WeightsSymmetricNarrowPerChannel(0), Rounding.HALF_TO_EVEN));
    PerChannelQuantParams params = PerChannelQuantParams.symmetric(new float[] {1f, 1f}, 0);
    assertThrows(IllegalArgumentException.class,
        () -> Quantizer.quantizePerChannel(new float[6], new int[] {3, 2}, params,
            QuantScheme.int8WeightsSymmetricNarrowPerChannel(0), Rounding.HALF_TO_EVEN));
    assertThrows(IllegalArgumentException.class,
        () -> Quantizer.quantizePerChannel(new float[4], new int[] {2, 2}, params,
            QuantScheme.int8WeightsSymmetricNarrowPerChannel(1), Rounding.HALF_TO_EVEN));
    assertThrows(IllegalArgumentException.class,
        () -> Quantizer.dequantizePerChannel(new int[5], new int[] {2, 2}, params));
  }
}
