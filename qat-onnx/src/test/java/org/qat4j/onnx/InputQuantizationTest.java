package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.Quantization;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;
import org.qat4j.onnx.OnnxExportOptions.Form;

/**
 * The input edge: ONNX's QuantizeLinear, {@code saturate(round_half_to_even(x / scale) + zp)},
 * against the engine's QuantizeInput, {@code clamp(round_half_away_from_zero(x / scale) + zp)},
 * both dividing in float32. They agree everywhere except at exact ties, where they round apart
 * exactly when the integer part is even (0.5 to 0 versus 1, -2.5 to -2 versus -3).
 */
class InputQuantizationTest {

  @Test
  void tiesRoundToEvenInOnnxAndAwayFromZeroInTheEngine() throws Exception {
    float scale = 0.25f; // a power of two: x / scale is exact, so every x below is an exact tie
    int zeroPoint = 3;
    float[] x = new float[64 * 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i - x.length / 2 + 0.5f) * scale; // x / scale = k + 0.5 for k in [-160, 159]
    }
    byte[][] both = quantize(TestModels.inputEdge(scale, zeroPoint), x);
    int differing = 0;
    for (int i = 0; i < x.length; i++) {
      double quotient = (double) x[i] / scale;
      int even = clamp(Math.rint(quotient) + zeroPoint);
      int away = clamp(Math.signum(quotient) * Math.floor(Math.abs(quotient) + 0.5) + zeroPoint);
      assertEquals(even, both[1][i], "ONNX Runtime at x = " + x[i]);
      assertEquals(away, both[0][i], "engine at x = " + x[i]);
      differing += even != away ? 1 : 0;
    }
    System.out.printf("input ties: %d of %d exact ties quantize one step apart%n", differing, x.length);
    assertTrue(differing > x.length / 4, "about half of the unsaturated ties round apart: " + differing);
  }

  @Test
  void everyValueThatIsNotATieQuantizesIdentically() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (Quantization q : new Quantization[] {Quantization.int8(1f / 255, -128), Quantization.int8(0.0173f, 5),
        Quantization.int8(3.7e-5f, -17)}) {
      float[] x = new float[64 * 400];
      for (int i = 0; i < x.length; i++) {
        // Uniform over the grid and a fifth beyond each end, plus values on and next to grid points.
        double steps = -160 + r.nextDouble() * 320 - q.zeroPoint();
        x[i] = i % 4 == 0 ? (float) (Math.round(steps) * (double) q.scale()) : (float) (steps * q.scale());
        if (i % 8 == 1) {
          x[i] = Math.nextUp(x[i - 1]);
        }
      }
      byte[][] both = quantize(TestModels.inputEdge(q.scale(), q.zeroPoint()), x);
      int ties = 0;
      for (int i = 0; i < x.length; i++) {
        float quotient = x[i] / q.scale(); // float32 division, as both sides compute it
        boolean tie = quotient - (float) Math.floor(quotient) == 0.5f;
        ties += tie ? 1 : 0;
        if (!tie) {
          assertEquals(both[0][i], both[1][i], "x = " + x[i] + " with scale " + q.scale());
        }
        assertEquals(clamp(Math.rint(quotient) + q.zeroPoint()), both[1][i], "ONNX Runtime at x = " + x[i]);
      }
      System.out.printf("input scale %s: %d values, %d exact ties%n", q.scale(), x.length, ties);
    }
  }

  @Test
  void extremesSaturateAlike() throws Exception {
    float[] x = new float[64];
    float[] specials = {Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f, 1e10f, -1e10f, Float.MIN_VALUE,
        -Float.MIN_VALUE, 0f, -0f, 1e-30f, -1e-30f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int i = 0; i < x.length; i++) {
      x[i] = specials[i % specials.length];
    }
    byte[][] both = quantize(TestModels.inputEdge(0.05f, -7), x);
    for (int i = 0; i < x.length; i++) {
      assertEquals(both[0][i], both[1][i], "x = " + x[i]);
    }
    assertEquals(127, both[1][0]);
    assertEquals(-128, both[1][1]);
    assertEquals(-7, both[1][8]);
  }

  /** {engine, ONNX Runtime} int8 results of quantizing {@code x}, QOperator form (QuantizeLinear alone). */
  private static byte[][] quantize(IntegerModel model, float[] x) throws Exception {
    Engine engine = new Engine(model);
    byte[] onnx = OnnxExporter.export(model,
        OnnxExportOptions.defaults().withForm(Form.QOPERATOR).withOutput(EdgeType.INT8));
    try (OrtModel ort = OrtModel.load(onnx)) {
      return new byte[][] {engine.int8Outputs(x), (byte[]) ort.run(x, engine.onnxInputShape(x.length / 64))};
    }
  }

  private static int clamp(double q) {
    return (int) Math.max(-128, Math.min(127, q));
  }
}
