package org.qat4j.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;

/** The offline arithmetic of the graph: SAME padding, activation clamps, multiplier derivation. */
class GraphArithmeticTest {

  @Test
  void samePaddingMatchesTfliteAndKeepsCeilOutputSize() {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 20_000; i++) {
      int in = 1 + r.nextInt(40);
      int filter = 1 + r.nextInt(7);
      int stride = 1 + r.nextInt(4);
      int dilation = 1 + r.nextInt(3);
      Padding p = Padding.same(in, in, filter, filter, stride, stride, dilation, dilation);
      // TFLite: out = (in + stride - 1) / stride; total = max(0, (out - 1) * stride + eff - in);
      // before = total / 2, after = before + total % 2.
      int out = (in + stride - 1) / stride;
      int total = Math.max(0, (out - 1) * stride + (filter - 1) * dilation + 1 - in);
      assertEquals(total / 2, p.top());
      assertEquals(total / 2 + total % 2, p.bottom());
      assertEquals(out, Padding.outputSize(in, p.top(), p.bottom(), filter, stride, dilation));
    }
  }

  @Test
  void fusedActivationClampsFollowTflite() {
    Quantization relu6Range = Quantization.int8(6f / 255, -128);
    assertEquals(new ActivationClamp(-128, 127), FusedActivation.RELU6.clampFor(relu6Range));
    assertEquals(new ActivationClamp(-10, 110), FusedActivation.RELU6.clampFor(Quantization.int8(0.05f, -10)));
    assertEquals(new ActivationClamp(-10, 127), FusedActivation.RELU.clampFor(Quantization.int8(0.05f, -10)));
    assertEquals(new ActivationClamp(-128, 127), FusedActivation.NONE.clampFor(Quantization.int8(0.05f, -10)));
    assertEquals(new ActivationClamp(-8, 7), FusedActivation.RELU6.clampFor(new Quantization(0.4f, -8, 4)));
    assertEquals(new ActivationClamp(-8, 4), FusedActivation.RELU6.clampFor(new Quantization(0.5f, -8, 4)));
    // A range entirely below zero: ReLU leaves only the zero point.
    assertEquals(new ActivationClamp(127, 127), FusedActivation.RELU.clampFor(Quantization.int8(0.1f, 127)));
    // 6 / scale exactly half-way: 6 / 0.48 = 12.5 in float32 -> 13 (ties away from zero).
    assertEquals(12.5f, 6f / 0.48f);
    assertEquals(new ActivationClamp(-100, -87), FusedActivation.RELU6.clampFor(Quantization.int8(0.48f, -100)));
  }

  @Test
  void perChannelMultipliersUseDoubleProducts() {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 10_000; i++) {
      float in = (float) (r.nextDouble() * 0.1 + 1e-4);
      float w = (float) (r.nextDouble() * 0.01 + 1e-5);
      float out = (float) (r.nextDouble() * 0.5 + 1e-3);
      ChannelMultipliers m = ChannelMultipliers.perChannel(in, new float[] {w}, out);
      assertEquals(FixedPoint.quantizeMultiplier((double) in * (double) w / (double) out), m.get(0));
    }
  }

  @Test
  void perTensorMultipliersRoundTheProductToFloatFirst() {
    // Find scales where TFLite's two formulas disagree, and check each path keeps its own.
    SplittableRandom r = new SplittableRandom(6);
    int differing = 0;
    for (int i = 0; i < 20_000; i++) {
      float in = (float) (r.nextDouble() * 0.1 + 1e-4);
      float w = (float) (r.nextDouble() * 0.01 + 1e-5);
      float out = (float) (r.nextDouble() * 0.5 + 1e-3);
      QuantizedMultiplier perTensor = ChannelMultipliers.perTensor(in, w, out, 3).get(2);
      assertEquals(FixedPoint.quantizeMultiplier((double) (in * w) / (double) out), perTensor);
      QuantizedMultiplier perChannel = ChannelMultipliers.perChannel(in, new float[] {w}, out).get(0);
      if (!perTensor.equals(perChannel)) {
        differing++;
      }
    }
    assertNotEquals(0, differing, "the float product changes some multipliers; otherwise this test proves nothing");
  }

  @Test
  void deriveFollowsTheWeightGranularity() {
    Shape s = Shape.of(1, 2);
    float in = 0.0123f;
    float w = 0.00456f;
    float out = 0.0789f;
    assertEquals(ChannelMultipliers.perTensor(in, w, out, 1),
        ChannelMultipliers.derive(in, QuantizedWeights.perTensor(s, new byte[2], w, 8), out));
    assertEquals(ChannelMultipliers.perChannel(in, new float[] {w}, out),
        ChannelMultipliers.derive(in, QuantizedWeights.perChannel(s, new byte[2], new float[] {w}, 8), out));
  }
}
