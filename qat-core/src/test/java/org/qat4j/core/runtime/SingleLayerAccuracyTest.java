package org.qat4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.FusedActivation;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.graph.TestGraphs;

/**
 * The integer engine against real arithmetic: for one layer, the int8 output must be within one
 * step of {@code round(real result / s_out) + zp_out}, computed in double from the dequantized
 * input, weights and bias. Catches wiring errors (a scale from the wrong tensor, a zero point with
 * the wrong sign) that bit-exact kernel oracles, which take the same parameters, cannot.
 */
class SingleLayerAccuracyTest {

  @Test
  void fullyConnectedAgreesWithRealArithmeticWithinOneStep() {
    SplittableRandom r = new SplittableRandom(10);
    for (int trial = 0; trial < 30; trial++) {
      int k = 1 + r.nextInt(300);
      int outs = 1 + r.nextInt(12);
      Quantization in = Quantization.int8(0.01f + (float) r.nextDouble() * 0.05f, r.nextInt(256) - 128);
      Quantization out = Quantization.int8(0.05f + (float) r.nextDouble(), r.nextInt(200) - 100);
      boolean perChannel = r.nextBoolean();
      float[] ws = TestGraphs.scales(r, outs, 0.01f);
      byte[] w = TestGraphs.weights(r, outs * k, 8);
      QuantizedWeights weights = perChannel ? QuantizedWeights.perChannel(Shape.of(outs, k), w, ws, 8)
          : QuantizedWeights.perTensor(Shape.of(outs, k), w, ws[0], 8);
      int[] bias = TestGraphs.bias(r, outs);
      IntegerGraphBuilder b = IntegerGraph.builder();
      int x = b.quantizeInput("q", b.input("x", Shape.of(k)), in);
      b.dequantizeOutput("y", b.fullyConnected("fc", x, weights, bias, out, FusedActivation.NONE));
      Interpreter interpreter = new Interpreter(new IntegerModel(b.build(),
          ModelMetadata.create("fc", List.of(), InputLayout.NHWC)));
      byte[] q = new byte[k];
      for (int i = 0; i < k; i++) {
        q[i] = (byte) (r.nextInt(256) - 128);
      }
      byte[] y = interpreter.runQuantized(q);
      for (int o = 0; o < outs; o++) {
        double sw = weights.scale(o);
        double real = bias[o] * (double) in.scale() * sw;
        for (int i = 0; i < k; i++) {
          real += in.dequantize(q[i]) * w[o * k + i] * sw;
        }
        double ideal = Math.min(127, Math.max(-128, Math.rint(real / out.scale()) + out.zeroPoint()));
        assertTrue(Math.abs(y[o] - ideal) <= 1, "trial " + trial + " output " + o + ": " + y[o] + " vs " + ideal);
      }
    }
  }

  @Test
  void convolutionWithPaddingAgreesWithRealArithmeticWithinOneStep() {
    SplittableRandom r = new SplittableRandom(12);
    int h = 5;
    int wd = 6;
    int c = 3;
    int outC = 4;
    Quantization in = Quantization.int8(0.02f, 17);
    Quantization out = Quantization.int8(0.3f, -40);
    float[] ws = TestGraphs.scales(r, outC, 0.02f);
    byte[] w = TestGraphs.weights(r, outC * 9 * c, 8);
    int[] bias = TestGraphs.bias(r, outC);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("q", b.input("x", Shape.of(h, wd, c)), in);
    b.dequantizeOutput("y", b.conv2d("conv", x, QuantizedWeights.perChannel(Shape.of(outC, 3, 3, c), w, ws, 8), bias,
        ConvWindow.of(1, 1, Padding.symmetric(1, 1)), out, FusedActivation.RELU));
    Interpreter interpreter = new Interpreter(new IntegerModel(b.build(),
        ModelMetadata.create("conv", List.of(), InputLayout.NHWC)));
    byte[] q = new byte[h * wd * c];
    for (int i = 0; i < q.length; i++) {
      q[i] = (byte) (r.nextInt(256) - 128);
    }
    byte[] y = interpreter.runQuantized(q);
    for (int oy = 0; oy < h; oy++) {
      for (int ox = 0; ox < wd; ox++) {
        for (int o = 0; o < outC; o++) {
          double real = bias[o] * (double) in.scale() * ws[o];
          for (int fy = 0; fy < 3; fy++) {
            for (int fx = 0; fx < 3; fx++) {
              int iy = oy + fy - 1;
              int ix = ox + fx - 1;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                continue; // real zero padding
              }
              for (int ic = 0; ic < c; ic++) {
                real += in.dequantize(q[(iy * wd + ix) * c + ic]) * w[((o * 3 + fy) * 3 + fx) * c + ic] * ws[o];
              }
            }
          }
          double ideal = Math.min(127, Math.max(out.zeroPoint(), Math.rint(real / out.scale()) + out.zeroPoint()));
          int got = y[(oy * wd + ox) * outC + o];
          assertTrue(Math.abs(got - ideal) <= 1, "(" + oy + ", " + ox + ", " + o + "): " + got + " vs " + ideal);
        }
      }
    }
  }

  @Test
  void subEightBitInputsRejectValuesOffTheirGrid() {
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("q", b.input("x", Shape.of(2)), new Quantization(0.1f, 0, 4));
    b.dequantizeOutput("y", b.fullyConnected("fc", x, QuantizedWeights.perTensor(Shape.of(1, 2), new byte[] {1, 1}, 0.1f,
        8), new int[1], Quantization.int8(0.01f, 0), FusedActivation.NONE));
    Interpreter interpreter = new Interpreter(new IntegerModel(b.build(),
        ModelMetadata.create("4-bit input", List.of(), InputLayout.NHWC)));
    assertEquals(1, interpreter.runQuantized(new byte[] {-8, 7}).length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> interpreter.runQuantized(new byte[] {0, 8}));
    assertEquals("input value 8 at index 1 is outside the input grid [-8, 7]; quantize with the model's input parameters",
        e.getMessage());
    // The float path saturates to the 4-bit grid: 100 -> 7, -100 -> -8. The accumulator is
    // 7 - 8 = -1, M = 0.1 * 0.1 / 0.01 = 1, so q_out = -1 and the output is -1 * 0.01.
    assertEquals(-0.01f, interpreter.run(new float[] {100f, -100f})[0]);
  }
}
