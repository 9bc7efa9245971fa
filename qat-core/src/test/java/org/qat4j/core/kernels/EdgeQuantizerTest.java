package org.qat4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The edges against exact oracles, and the array forms (which use a faster formulation) against
 * the one-value forms on random float bit patterns, ties, huge values, infinities, signed zeros,
 * subnormals, values at the clamp and the parameters that take the value-by-value path.
 */
class EdgeQuantizerTest {

  /** Clamp ranges {qmin, qmax}: int8, 4-bit, a ReLU-like and a narrow one, and wide ones that let rounding show. */
  private static final int[][] CLAMPS = {{-128, 127}, {-8, 7}, {-20, 127}, {3, 9}, {-1 << 30, 1 << 30},
      {-Integer.MAX_VALUE + 200, Integer.MAX_VALUE - 200}};

  @Test
  void quantizeRoundsTiesAwayFromZeroAndSaturates() {
    assertEquals(1, EdgeQuantizer.quantize(0.25f, 0.5f, 0, -128, 127)); // 0.5 -> 1
    assertEquals(-1, EdgeQuantizer.quantize(-0.25f, 0.5f, 0, -128, 127)); // -0.5 -> -1 (Math.round gives 0)
    assertEquals(-125, EdgeQuantizer.quantize(1.25f, 0.5f, -128, -128, 127)); // 2.5 -> 3, + zp
    assertEquals(127, EdgeQuantizer.quantize(1000f, 0.5f, 0, -128, 127));
    assertEquals(-128, EdgeQuantizer.quantize(Float.NEGATIVE_INFINITY, 0.5f, 0, -128, 127));
    assertEquals(7, EdgeQuantizer.quantize(1000f, 0.5f, 0, -8, 7)); // a 4-bit grid
  }

  @Test
  void theDivisionIsFloat32AsInTflite() {
    // 0.3f / 0.2f is 1.4999999776 in double but rounds to exactly 1.5f in float32, so TFLite's
    // Quantize gives 2 where a double division would give 1.
    assertEquals(1.5f, 0.3f / 0.2f);
    assertEquals(2, EdgeQuantizer.quantize(0.3f, 0.2f, 0, -128, 127));
  }

  @Test
  void quantizeMatchesExactOracle() {
    SplittableRandom r = new SplittableRandom(17);
    for (int i = 0; i < 200_000; i++) {
      float scale = (float) Math.scalb(0.5 + r.nextDouble(), -r.nextInt(12));
      float x = (float) ((r.nextDouble() - 0.5) * 300 * scale);
      int zp = r.nextInt(256) - 128;
      float quotient = x / scale;
      long rounded = new BigDecimal(quotient).setScale(0, RoundingMode.HALF_UP).longValueExact();
      long expected = Math.min(Math.max(rounded + zp, -128), 127);
      assertEquals(expected, EdgeQuantizer.quantize(x, scale, zp, -128, 127), x + " / " + scale + " + " + zp);
    }
  }

  @Test
  void nanIsRejectedWithItsIndex() {
    float[] src = {0f, 1f, Float.NaN};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EdgeQuantizer.quantize(src, 0, new byte[3], 0, 3, 0.1f, 0, -128, 127));
    assertEquals("input value at index 2 is NaN; the int8 engine cannot represent it, clean the input first",
        e.getMessage());
  }

  @Test
  void dequantizeIsTheCorrectlyRoundedProduct() {
    SplittableRandom r = new SplittableRandom(19);
    for (int i = 0; i < 100_000; i++) {
      float scale = (float) Math.scalb(0.5 + r.nextDouble(), -r.nextInt(20));
      int zp = r.nextInt(256) - 128;
      int q = r.nextInt(256) - 128;
      float expected = new BigDecimal(scale).multiply(BigDecimal.valueOf(q - zp)).floatValue();
      assertEquals(expected, EdgeQuantizer.dequantize(q, scale, zp));
    }
    assertEquals(0f, EdgeQuantizer.dequantize(-7, 0.3f, -7), "the zero point is real zero exactly");
  }

  @Test
  void arrayQuantizeEqualsOneByOneOnRandomFloatBits() {
    SplittableRandom r = new SplittableRandom(23);
    for (int trial = 0; trial < 4000; trial++) {
      float scale = randomScale(r);
      int zp = r.nextInt(256) - 128;
      int[] clamp = CLAMPS[trial % CLAMPS.length];
      float[] x = new float[64];
      for (int i = 0; i < x.length; i++) {
        x[i] = switch (i % 4) {
          case 0 -> notNaN(Float.intBitsToFloat(r.nextInt())); // any float: subnormals, huge, infinities
          case 1 -> (float) ((r.nextDouble() - 0.5) * 600) * scale; // near the int8 grid
          case 2 -> (r.nextInt(600) - 300 + 0.5f) * scale; // ties, or their neighbours after rounding
          default -> (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(80) - 40)) * scale;
        };
      }
      assertArrayQuantizeEqualsOneByOne(x, scale, zp, clamp[0], clamp[1], "trial " + trial);
    }
  }

  @Test
  void arrayQuantizeEqualsOneByOneOnAStridedSweepOfAllFloats() {
    // About 2^20 bit patterns spread over all 2^32 (an odd stride visits every exponent, both
    // signs, subnormals and infinities), for an MNIST-like input scale, 1 and a tiny scale.
    List<Float> values = new ArrayList<>();
    for (long bits = 0; bits < 1L << 32; bits += 4093) {
      float x = Float.intBitsToFloat((int) bits);
      if (!Float.isNaN(x)) {
        values.add(x);
      }
    }
    float[] x = new float[values.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = values.get(i);
    }
    for (float scale : new float[] {1f / 255f, 1f, 0x1p-140f}) {
      for (int[] clamp : CLAMPS) {
        assertArrayQuantizeEqualsOneByOne(x, scale, -128, clamp[0], clamp[1], "sweep, scale " + scale);
      }
    }
  }

  @Test
  void arrayQuantizeEqualsOneByOneAtTiesAndTheirNeighbours() {
    // For quotients k + 1/2 (positive and negative), the x whose float quotient is exactly the tie
    // and the floats two ulps either side of it, for scales with and without a power-of-two form.
    SplittableRandom r = new SplittableRandom(29);
    int ties = 0;
    for (float scale : new float[] {1f, 0.5f, 0x1p-7f, 1f / 255f, 0.1f, 0.3f, 0.0123f, 7.5f, 0x1p-130f}) {
      List<Float> values = new ArrayList<>();
      for (int k = -300; k < 300; k++) {
        float tie = k + 0.5f;
        float x = tie * scale;
        for (int step = -2; step <= 2; step++) {
          float neighbour = x;
          for (int j = 0; j < Math.abs(step); j++) {
            neighbour = step < 0 ? Math.nextDown(neighbour) : Math.nextUp(neighbour);
          }
          values.add(neighbour);
          if (neighbour / scale == tie) {
            ties++;
            // The tie itself: away from zero, checked against the definition as well.
            int expected = (int) Math.min(Math.max((k < 0 ? k : k + 1) + 5L, -128), 127);
            assertEquals(expected, EdgeQuantizer.quantize(neighbour, scale, 5, -128, 127), neighbour + " / " + scale);
          }
        }
      }
      float[] x = new float[values.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = values.get(i);
      }
      for (int[] clamp : CLAMPS) {
        assertArrayQuantizeEqualsOneByOne(x, scale, r.nextInt(256) - 128, clamp[0], clamp[1], "ties, scale " + scale);
      }
    }
    assertTrue(ties > 5000, "exact ties were tested: " + ties);
  }

  @Test
  void arrayQuantizeEqualsOneByOneOnSpecialValues() {
    float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        0.49999997f, -0.49999997f, 0.5f, -0.5f, 0.50000006f, -0.50000006f, 1.5f, -1.5f, 2.5f, -2.5f,
        0x1p23f - 0.5f, -(0x1p23f - 0.5f), 0x1p23f + 1, -(0x1p23f + 1), 0x1p23f + 3, 0x1p24f - 1, -(0x1p24f - 1),
        0x1p24f, 0x1p31f - 128, 0x1p31f, -0x1p31f, 0x1p31f + 256, -(0x1p31f + 256), 0x1p32f, 1e20f, -1e20f,
        2147483520f, -2147483520f};
    for (float scale : new float[] {1f, 0.5f, 2f, 1f / 255f, 0x1p-149f, Float.MIN_NORMAL, Float.MAX_VALUE, -1f,
        -0.3f}) {
      for (int zp : new int[] {-128, -1, 0, 1, 127}) {
        for (int[] clamp : CLAMPS) {
          assertArrayQuantizeEqualsOneByOne(special, scale, zp, clamp[0], clamp[1], "special values");
        }
      }
    }
  }

  @Test
  void arrayQuantizeEqualsOneByOneAtTheClamp() {
    // Quotients at, one step inside and one step outside each bound, and the ties between.
    SplittableRandom r = new SplittableRandom(31);
    for (int trial = 0; trial < 500; trial++) {
      float scale = (float) Math.scalb(0.5 + r.nextDouble(), -r.nextInt(12));
      int zp = r.nextInt(256) - 128;
      int[] clamp = CLAMPS[trial % 4];
      List<Float> values = new ArrayList<>();
      for (int bound : clamp) {
        for (float offset = -1.5f; offset <= 1.5f; offset += 0.5f) {
          float x = (bound - zp + offset) * scale;
          values.add(x);
          values.add(Math.nextUp(x));
          values.add(Math.nextDown(x));
        }
      }
      float[] x = new float[values.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = values.get(i);
      }
      assertArrayQuantizeEqualsOneByOne(x, scale, zp, clamp[0], clamp[1], "trial " + trial);
    }
  }

  @Test
  void parametersOutsideTheIntFormulationTakeTheOneByOnePath() {
    // Zero, infinite, NaN and negative scales, an empty clamp range (the one-value form then gives
    // qmax) and zero points or bounds at the int extremes: the same bytes as value by value.
    SplittableRandom r = new SplittableRandom(37);
    float[] x = new float[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 5 == 0 ? notNaN(Float.intBitsToFloat(r.nextInt())) : (float) ((r.nextDouble() - 0.5) * 100);
    }
    x[0] = 0f;
    x[1] = -0f;
    x[2] = Float.POSITIVE_INFINITY;
    x[3] = Float.NEGATIVE_INFINITY;
    for (float scale : new float[] {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -0.25f}) {
      assertArrayQuantizeEqualsOneByOne(x, scale, 3, -128, 127, "scale " + scale);
    }
    int[][] zpMinMax = {{0, 5, -5}, {Integer.MIN_VALUE, -128, 127}, {Integer.MAX_VALUE, -128, 127},
        {0, Integer.MIN_VALUE, Integer.MAX_VALUE}, {-3, Integer.MIN_VALUE + 1, 0}, {3, 0, Integer.MAX_VALUE - 1},
        {1, -Integer.MAX_VALUE + 1, Integer.MAX_VALUE}};
    for (int[] p : zpMinMax) {
      for (float scale : new float[] {0.1f, 1e-30f}) {
        assertArrayQuantizeEqualsOneByOne(x, scale, p[0], p[1], p[2], "zp " + p[0] + ", clamp " + p[1] + ".." + p[2]);
      }
    }
  }

  @Test
  void arrayQuantizeNamesTheFirstNaNAfterWritingTheValuesBeforeIt() {
    float[] src = {9f, 0.25f, -0.25f, Float.NaN, 1f, Float.NaN};
    for (float scale : new float[] {0.5f, 0f}) { // the int formulation, then the one-by-one path
      byte[] dst = {7, 7, 7, 7, 7, 7, 7};
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> EdgeQuantizer.quantize(src, 1, dst, 2, 5, scale, 0, -128, 127));
      assertEquals("input value at index 3 is NaN; the int8 engine cannot represent it, clean the input first",
          e.getMessage());
      byte[] expected = {7, 7, (byte) EdgeQuantizer.quantize(0.25f, scale, 0, -128, 127),
          (byte) EdgeQuantizer.quantize(-0.25f, scale, 0, -128, 127), 7, 7, 7};
      assertArrayEquals(expected, dst, "scale " + scale);
    }
  }

  @Test
  void arrayDequantizeEqualsOneByOneForEveryIntegerAndZeroPoint() {
    // Every q and every int8 zero point, for random scales of every exponent and sign and the
    // special ones: subnormal products, overflow to infinity, signed zeros, NaN.
    SplittableRandom r = new SplittableRandom(41);
    List<Float> scales = new ArrayList<>(List.of(1f, 0.1f, 1f / 255f, Float.MIN_VALUE, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, 0x1p120f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN, -0.3f));
    for (int i = 0; i < 300; i++) {
      scales.add(Float.intBitsToFloat(r.nextInt()));
    }
    byte[] q = new byte[256];
    for (int i = 0; i < q.length; i++) {
      q[i] = (byte) (i - 128);
    }
    float[] actual = new float[256];
    for (float scale : scales) {
      for (int zp = -128; zp <= 127; zp++) {
        EdgeQuantizer.dequantize(q, 0, actual, 0, q.length, scale, zp);
        for (int i = 0; i < q.length; i++) {
          float expected = EdgeQuantizer.dequantize(q[i], scale, zp);
          if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual[i])) {
            assertEquals(expected, actual[i], "q " + q[i] + ", scale " + scale + ", zp " + zp);
          }
        }
      }
    }
  }

  @Test
  void arrayDequantizeEqualsOneByOneForZeroPointsAtAndBeyondTheFloatPath() {
    SplittableRandom r = new SplittableRandom(43);
    byte[] q = new byte[256];
    for (int i = 0; i < q.length; i++) {
      q[i] = (byte) (i - 128);
    }
    float[] actual = new float[256 + 3];
    int[] zeroPoints = {1 << 23, -(1 << 23), (1 << 23) + 1, -(1 << 23) - 1, (1 << 24) + 1, 1 << 30,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 127};
    for (int zp : zeroPoints) {
      for (int trial = 0; trial < 50; trial++) {
        float scale = trial == 0 ? 1f : Float.intBitsToFloat(r.nextInt());
        Arrays.fill(actual, 42f);
        EdgeQuantizer.dequantize(q, 0, actual, 2, q.length, scale, zp);
        assertEquals(42f, actual[0]);
        assertEquals(42f, actual[1]);
        assertEquals(42f, actual[258]);
        for (int i = 0; i < q.length; i++) {
          assertEquals(Float.floatToIntBits(EdgeQuantizer.dequantize(q[i], scale, zp)),
              Float.floatToIntBits(actual[i + 2]), "q " + q[i] + ", scale " + scale + ", zp " + zp);
        }
      }
    }
  }

  /** Quantizes {@code x} as one array (at offsets 3 and 5) and value by value; the bytes must agree. */
  private static void assertArrayQuantizeEqualsOneByOne(float[] x, float scale, int zp, int qmin, int qmax,
      String message) {
    float[] src = new float[x.length + 4];
    System.arraycopy(x, 0, src, 3, x.length);
    byte[] actual = new byte[x.length + 7];
    Arrays.fill(actual, (byte) 99);
    EdgeQuantizer.quantize(src, 3, actual, 5, x.length, scale, zp, qmin, qmax);
    byte[] expected = new byte[actual.length];
    Arrays.fill(expected, (byte) 99);
    for (int i = 0; i < x.length; i++) {
      expected[5 + i] = (byte) EdgeQuantizer.quantize(x[i], scale, zp, qmin, qmax);
    }
    for (int i = 0; i < actual.length; i++) {
      if (expected[i] != actual[i]) {
        float value = i >= 5 && i < 5 + x.length ? x[i - 5] : Float.NaN;
        assertEquals(expected[i], actual[i], message + ": byte " + i + ", x " + value + " (bits 0x"
            + Integer.toHexString(Float.floatToRawIntBits(value)) + "), scale " + scale + ", zp " + zp
            + ", clamp " + qmin + ".." + qmax);
      }
    }
  }

  /** Scales of many magnitudes: typical ones, tiny (subnormal quotients overflow) and huge. */
  private static float randomScale(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> (float) Math.scalb(0.5 + r.nextDouble(), -r.nextInt(12));
      case 1 -> (float) Math.scalb(0.5 + r.nextDouble(), r.nextInt(250) - 148);
      case 2 -> Float.intBitsToFloat(r.nextInt(1 << 23) + 1); // subnormal
      default -> Math.abs(notNaN(Float.intBitsToFloat(r.nextInt()))) + Float.MIN_VALUE;
    };
  }

  private static float notNaN(float x) {
    return Float.isNaN(x) ? 1.25f : x;
  }
}
