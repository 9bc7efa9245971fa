package org.qat4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeQuantizerTest {

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
}
