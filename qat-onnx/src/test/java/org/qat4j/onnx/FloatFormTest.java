package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.Quantization;
import org.qat4j.onnx.OnnxExportOptions.Form;

/**
 * The float form against the engine on inputs that lie on the input grid, where the float model
 * computes the engine's accumulator in real arithmetic: its output, put on the output grid
 * ({@code clamp(round(y / s) + zp)} to the engine's clamp), is within one step of the engine's.
 * This checks the dequantized weights and biases, their layouts and the activations (Relu, Clip
 * with both bounds, Clip with an upper bound only) value by value; the digits test checks top-1.
 */
class FloatFormTest {

  private static final int EXAMPLES = 200;

  @ParameterizedTest(name = "conv clamp [{0}, {1}]")
  @CsvSource({"-128, 127", "-5, 127", "-5, 40", "-128, 30", "0, 60"})
  void convolutionOnGridInputs(int min, int max) throws Exception {
    check(TestModels.singleConv(40 + min, 8, new ActivationClamp(min, max)), new ActivationClamp(min, max));
  }

  @ParameterizedTest(name = "fully connected per channel {0}, clamp [{1}, {2}]")
  @CsvSource({"true, -128, 127", "false, -5, 127", "true, -128, 40", "false, -5, 40"})
  void fullyConnectedOnGridInputs(boolean perChannel, int min, int max) throws Exception {
    ActivationClamp clamp = new ActivationClamp(min, max);
    check(TestModels.singleFullyConnected(50 + min, 8, perChannel, clamp), clamp);
  }

  @ParameterizedTest(name = "whole model {0}")
  @CsvSource({"0", "1"})
  void layoutsOfWholeModels(int which) throws Exception {
    IntegerModel model = which == 0 ? TestModels.featureMapOutput(9, InputLayout.NHWC)
        : TestModels.reshapes(10, InputLayout.NCHW);
    check(model, null);
  }

  /** {@code clamp}: the output clamp, or null for the full grid. */
  private static void check(IntegerModel model, ActivationClamp clamp) throws Exception {
    Engine engine = new Engine(model);
    float[] x = onGrid(model, EXAMPLES, 61);
    byte[] int8 = engine.int8Outputs(x);
    float[] real;
    try (OrtModel ort = OrtModel.load(OnnxExporter.export(model, OnnxExportOptions.defaults().withForm(Form.FLOAT)))) {
      real = (float[]) ort.run(x, engine.onnxInputShape(EXAMPLES));
    }
    Quantization q = model.graph().outputQuantization();
    ActivationClamp c = clamp != null ? clamp : ActivationClamp.full(q);
    int max = 0;
    long one = 0;
    for (int i = 0; i < real.length; i++) {
      double onGrid = Math.max(c.min(), Math.min(c.max(), Math.rint(real[i] / (double) q.scale()) + q.zeroPoint()));
      int d = (int) Math.abs(onGrid - int8[i]);
      max = Math.max(max, d);
      one += d == 1 ? 1 : 0;
    }
    System.out.printf("%s, float form on grid inputs: max difference %d, %.3f%% of %d values one step apart%n",
        model.metadata().description(), max, 100.0 * one / real.length, real.length);
    assertTrue(max <= 1, "float form, max difference " + max);
  }

  /** Random inputs on the input grid: {@code s * (q - zp)} for q uniform over the input range. */
  private static float[] onGrid(IntegerModel model, int examples, long seed) {
    Quantization q = model.graph().inputQuantization();
    ActivationClamp c = Agreements.inputClamp(model);
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[examples * model.graph().input().shape().elementCount()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) q.dequantize(c.min() + r.nextInt(c.max() - c.min() + 1));
    }
    return x;
  }
}
