package org.qat4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's Nudge: golden values computed independently in float32 (NumPy, one rounding per
 * operation), TensorFlow's own test ranges, invariants on random ranges, and rejected inputs.
 */
class NudgeTest {

  @Test
  void minusOneToOneAt8BitsNudgesToZeroPoint127InFloat() {
    // scale = fl(2 / 255) = 0x1.010102p-7, a little above 2/255 = 0x1.0101010...p-7.
    // zero_point_from_min = fl(0 - fl(-1 / scale)) = 127.49999 (0x1.fdfffep+6), not 127.5,
    // so std::round gives 127 (exact arithmetic would give 127.5 -> 128).
    // nudged_min = fl((0 - 127) * scale) = -0x1.fdfep-1 = -0.9960785
    // nudged_max = fl((255 - 127) * scale) = 0x1.010102p+0 = 1.0039216
    // inv_scale = fl(255 / 2) = 127.5 exactly.
    NudgedRange r = Nudge.nudge(-1f, 1f, 0, 255);
    assertEquals(0x1.010102p-7f, r.scale());
    assertEquals(127.5f, r.inverseScale());
    assertEquals(127, r.zeroPoint());
    assertEquals(-0x1.fdfep-1f, r.min());
    assertEquals(0x1.010102p+0f, r.max());
  }

  @Test
  void goldenRangesComputedInFloat32() {
    // [-10, 10]: scale fl(20/255) = 0.078431375, zero_point_from_min 127.49999 -> 127.
    assertNudge(Nudge.nudge(-10f, 10f, 0, 255), -9.960785f, 10.039216f, 0.078431375f, 127);
    // Narrow [-1, 1]: scale fl(2/254) = 0x1.020408p-7, zero_point_from_min 128.0 exactly.
    assertNudge(Nudge.nudge(-1f, 1f, 1, 255), -1f, 1f, 0x1.020408p-7f, 128);
    // ReLU6 [0, 6]: zero_point_from_min = 0, nothing to nudge.
    assertNudge(Nudge.nudge(0f, 6f, 0, 255), 0f, 6f, 0x1.818182p-6f, 0);
    // [-0.1, 10]: scale 0x1.4477acp-5, zero_point_from_min 2.5247524 -> 3,
    // nudged_min = -3 * scale = -0x1.e6b382p-4, nudged_max = 252 * scale = 0x1.3f65cep+3.
    assertNudge(Nudge.nudge(-0.1f, 10f, 0, 255), -0x1.e6b382p-4f, 0x1.3f65cep+3f,
        0x1.4477acp-5f, 3);
    // 16 bits, narrow [-1, 1]: scale fl(2/65534) = 0x1.0002p-15, zero point 32768.
    assertNudge(Nudge.nudge(-1f, 1f, 1, 65535), -1f, 1f, 0x1.0002p-15f, 32768);
    // 2 bits [-1, 1]: scale fl(2/3) = 0x1.555556p-1, zero_point_from_min fl(1/scale) = 1.5,
    // a tie: away from zero gives 2; nudged range [-2 * scale, 1 * scale].
    assertNudge(Nudge.nudge(-1f, 1f, 0, 3), -0x1.555556p+0f, 0x1.555556p-1f, 0x1.555556p-1f, 2);
  }

  @Test
  void zeroPointTiesRoundAwayFromZero() {
    // [-2.5, 0.5] on [0, 3]: scale = 1 exactly, zero_point_from_min = 2.5 exactly.
    // Half away from zero gives 3 (half to even would give 2): nudged range [-3, 0].
    assertNudge(Nudge.nudge(-2.5f, 0.5f, 0, 3), -3f, 0f, 1f, 3);
    // TensorFlow's NudgedUp test range: [-0.125, 63.625] at 8 bits, scale 0.25 exactly,
    // zero_point_from_min 0.5 -> 1, nudged range [-0.25, 63.5].
    assertNudge(Nudge.nudge(-0.125f, 63.625f, 0, 255), -0.25f, 63.5f, 0.25f, 1);
  }

  @Test
  void tensorFlowTestRanges() {
    // {min, max, quantMin, quantMax, expected nudged min, expected nudged max}, from the
    // comments of TensorFlow's fake_quant_ops_test.cc; the bounds are not exact floats, so the
    // comparison allows float rounding.
    float[][] cases = {
        {-0.1f, 63.65f, 0, 255, 0.0f, 63.75f},
        {-0.1f, 63.4f, 1, 255, 0.0f, 63.5f},
        {-0.1275f, 63.6225f, 0, 255, -0.25f, 63.5f},
        {-0.1275f, 63.3725f, 1, 255, -0.25f, 63.25f},
        {-63.65f, 0.1f, 0, 255, -63.75f, 0.0f},
        {-63.4f, 0.1f, 1, 255, -63.5f, 0.0f},
        {-10.0f, 53.75f, 0, 255, -10.0f, 53.75f},
        {-0.1f, 7.4f, 0, 15, 0.0f, 7.5f},
        {-0.4f, 7.1f, 0, 15, -0.5f, 7.0f},
        {-0.4f, 6.6f, 1, 15, -0.5f, 6.5f},
        {-7.3f, 0.2f, 0, 15, -7.5f, 0.0f},
        {-1.0f, 0.5f, 0, 3, -1.0f, 0.5f},
    };
    for (float[] c : cases) {
      NudgedRange r = Nudge.nudge(c[0], c[1], (int) c[2], (int) c[3]);
      assertEquals(c[4], r.min(), 1e-5f * (1 + Math.abs(c[4])), "min of " + r);
      assertEquals(c[5], r.max(), 1e-5f * (1 + Math.abs(c[5])), "max of " + r);
    }
  }

  @Test
  void rangesThatExcludeZeroSlideToTouchIt() {
    // min > 0: zero_point_from_min = -85 < 0 -> zero point 0, range [0, max - min].
    assertNudge(Nudge.nudge(0.5f, 2f, 0, 255), 0f, 1.5f, 0x1.818182p-8f, 0);
    // max < 0: zero_point_from_min = 382.49997 > 255 -> zero point 255, range [min - max, 0].
    assertNudge(Nudge.nudge(-3f, -1f, 0, 255), -2f, 0f, 0x1.010102p-7f, 255);
    // Narrow grid with min > 0: the zero point clamps to 1, not 0.
    NudgedRange narrow = Nudge.nudge(1f, 2f, 1, 255);
    assertEquals(1, narrow.zeroPoint());
    assertEquals(0f, narrow.min());
  }

  @Test
  void invariantsOnRandomRanges() {
    SplittableRandom random = new SplittableRandom(42L);
    for (int i = 0; i < 50_000; i++) {
      int bits = random.nextInt(2, 17);
      boolean narrow = random.nextBoolean();
      int quantMin = Nudge.quantMin(narrow);
      int quantMax = Nudge.quantMax(bits);
      float[] range = randomRange(random);
      float min = range[0];
      float max = range[1];
      NudgedRange r = Nudge.nudge(min, max, quantMin, quantMax);
      String where = "[" + min + ", " + max + "] bits " + bits + " narrow " + narrow + ": " + r;

      assertTrue(r.zeroPoint() >= quantMin && r.zeroPoint() <= quantMax, where);
      assertEquals((max - min) / (float) (quantMax - quantMin), r.scale(), where);
      assertTrue(r.min() <= 0f && r.max() >= 0f, where);
      assertEquals((quantMin - r.zeroPoint()) * r.scale(), r.min(), where);
      assertEquals((quantMax - r.zeroPoint()) * r.scale(), r.max(), where);
      // Real zero is a grid point: index (zeroPoint - quantMin) steps above the minimum.
      assertEquals(0.0f, r.min() + (float) (r.zeroPoint() - quantMin) * r.scale(), where);
      // The scale is kept, so the width is too (up to float rounding).
      assertEquals(max - min, r.max() - r.min(), 1e-5f * (max - min), where);
      if (min <= 0 && max >= 0) {
        // The zero point moved by at most half a step, so the range did too.
        float tolerance = 0.5f * r.scale() + 1e-5f * Math.max(Math.abs(min), r.scale());
        assertEquals(min, r.min(), tolerance, where);
      } else if (min > 0) {
        assertEquals(quantMin, r.zeroPoint(), where);
      } else {
        assertEquals(quantMax, r.zeroPoint(), where);
      }
    }
  }

  @Test
  void extremeButValidRanges() {
    NudgedRange huge = Nudge.nudge(-1e38f, 1e38f, 0, 255);
    assertTrue(Float.isFinite(huge.min()) && Float.isFinite(huge.max()), huge.toString());
    NudgedRange tiny = Nudge.nudge(-1e-30f, 1e-30f, 0, 65535);
    assertTrue(tiny.scale() >= Float.MIN_NORMAL, tiny.toString());
    assertEquals(0.0f, tiny.min() + (float) tiny.zeroPoint() * tiny.scale());
  }

  @Test
  void degenerateRangesAreRejectedWithTheValues() {
    assertRejected(Float.NaN, 1f, 0, 255, "NaN");
    assertRejected(-1f, Float.POSITIVE_INFINITY, 0, 255, "Infinity");
    assertRejected(2f, 1f, 0, 255, "min > max");
    assertRejected(1f, 1f, 0, 255, "min == max");
    assertRejected(0f, 0f, 0, 255, "min == max");
    assertRejected(-2e38f, 2e38f, 0, 255, "too wide");
    assertRejected(-1e-36f, 1e-36f, 0, 65535, "too narrow");
    assertRejected(-1f, 1f, -128, 127, "unsigned");
    assertRejected(-1f, 1f, 0, 65536, "65535");
    assertRejected(-1f, 1f, 5, 5, "quantMin < quantMax");
    IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
        () -> Nudge.quantMax(17));
    assertTrue(bits.getMessage().contains("17"), bits.getMessage());
  }

  @Test
  void storageParamsShiftTheZeroPointToSignedStorage() {
    // [-1, 1] at 8 bits: zero point 127 on [0, 255] is -1 in int8 [-128, 127].
    NudgedRange r = Nudge.nudge(-1f, 1f, 0, 255);
    assertEquals(new QuantParams(0x1.010102p-7f, -1),
        r.storageParams(QuantScheme.int8ActivationsAsymmetric()));
    assertEquals(new QuantParams(0x1.010102p-7f, 127),
        r.storageParams(QuantScheme.uint8ActivationsAsymmetric()));
    // Narrow [-1, 1]: zero point 128 on [1, 255] is 0 in int8 [-127, 127], the weight scheme.
    NudgedRange narrow = Nudge.nudge(-1f, 1f, 1, 255);
    assertEquals(new QuantParams(0x1.020408p-7f, 0),
        narrow.storageParams(QuantScheme.int8WeightsSymmetricNarrowPerTensor()));
    // Real values agree: grid q means (q - 127) * scale, storage q - 128 means the same.
    assertEquals(Quantizer.dequantize(200 - 128, r.storageParams(
        QuantScheme.int8ActivationsAsymmetric())), (200 - 127) * r.scale(), 0f);
    IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
        () -> r.storageParams(QuantScheme.int8WeightsSymmetricNarrowPerTensor()));
    assertTrue(mismatch.getMessage().contains("[1, 255]"), mismatch.getMessage());
    // Zero point 127 is not the symmetric zero point of a symmetric non-narrow scheme.
    assertThrows(IllegalArgumentException.class,
        () -> r.storageParams(new QuantScheme(8, true, true, false, QuantScheme.PER_TENSOR)));
  }

  private static float[] randomRange(SplittableRandom random) {
    float magnitude = (float) Math.scalb(1.0, random.nextInt(-20, 40));
    float a = (float) (random.nextDouble() * magnitude);
    float b = (float) (random.nextDouble() * magnitude);
    switch (random.nextInt(5)) {
      case 0:
        return new float[] {Math.min(a, b) + 1e-3f * magnitude, Math.max(a, b) + 2e-3f * magnitude};
      case 1:
        return new float[] {-Math.max(a, b) - 2e-3f * magnitude, -Math.min(a, b) - 1e-3f * magnitude};
      case 2:
        return new float[] {0f, a + 1e-3f * magnitude};
      default:
        return new float[] {-a - 1e-3f * magnitude, b};
    }
  }

  private static void assertNudge(NudgedRange r, float min, float max, float scale,
      int zeroPoint) {
    assertEquals(zeroPoint, r.zeroPoint(), r.toString());
    assertEquals(scale, r.scale(), r.toString());
    assertEquals(min, r.min(), r.toString());
    assertEquals(max, r.max(), r.toString());
  }

  private static void assertRejected(float min, float max, int quantMin, int quantMax,
      String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Nudge.nudge(min, max, quantMin, quantMax));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
