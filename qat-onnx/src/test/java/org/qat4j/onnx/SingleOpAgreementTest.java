package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.onnx.OnnxExportOptions.Form;

/**
 * Each op alone, exported in the QOperator and QDQ forms and run in ONNX Runtime against the
 * engine on 300 random examples (float inputs over the input range and beyond, and int8 inputs
 * over the whole grid): outputs within one step for convolution, fully-connected layers and
 * average pooling (ONNX requantizes in real arithmetic and rounds half to even), equal for max
 * pooling (no rounding). Weights of 8, 7, 4 and 2 bits; clamps from the full grid to ReLU with a
 * raised zero point and ReLU6-like bounds, so the int8 Clip is exercised.
 */
class SingleOpAgreementTest {

  private static final int EXAMPLES = 300;

  @ParameterizedTest(name = "conv {0}-bit weights, clamp [{1}, {2}]")
  @CsvSource({"8, -128, 127", "8, -5, 127", "8, -5, 40", "7, -128, 127", "7, -5, 40", "4, -5, 127", "2, -128, 30"})
  void convolutionIsWithinOneStep(int bits, int min, int max) throws Exception {
    IntegerModel model = TestModels.singleConv(bits * 100L + min, bits, new ActivationClamp(min, max));
    check("conv W" + bits + " [" + min + ", " + max + "]", model, 1);
  }

  @ParameterizedTest(name = "fully connected {0}-bit weights, per channel {1}, clamp [{2}, {3}]")
  @CsvSource({"8, true, -128, 127", "8, false, -128, 127", "8, true, -5, 127", "8, false, -5, 60", "7, true, -5, 60",
      "4, false, -128, 127", "2, true, -5, 127"})
  void fullyConnectedIsWithinOneStep(int bits, boolean perChannel, int min, int max) throws Exception {
    IntegerModel model = TestModels.singleFullyConnected(bits * 100L + min, bits, perChannel,
        new ActivationClamp(min, max));
    check("fc W" + bits + (perChannel ? " per channel" : " per tensor") + " [" + min + ", " + max + "]", model, 1);
  }

  @ParameterizedTest(name = "max pool {0}, clamp [{1}, {2}]")
  @CsvSource({"true, -128, 127", "true, 9, 127", "true, -20, 50", "false, -128, 127", "false, 9, 80"})
  void poolingMatches(boolean max, int min, int maxClamp) throws Exception {
    IntegerModel model = TestModels.pool(max, new ActivationClamp(min, maxClamp));
    // Max pooling only picks grid values; average pooling rounds a real average.
    check((max ? "max" : "average") + " pool [" + min + ", " + maxClamp + "]", model, max ? 0 : 1);
  }

  private static void check(String what, IntegerModel model, int allowed) throws Exception {
    float[] floats = Agreements.randomFloats(model, EXAMPLES, 11);
    byte[] ints = Agreements.randomInt8(model, EXAMPLES, 12);
    for (Form form : new Form[] {Form.QOPERATOR, Form.QDQ}) {
      Comparison f = Agreements.floatInput(model, form, floats);
      Comparison i = Agreements.int8Input(model, form, ints);
      System.out.println(what + " " + form + " float input: " + f + "; int8 input: " + i);
      assertTrue(f.maxDifference() <= allowed, what + " " + form + " float input: " + f);
      assertTrue(i.maxDifference() <= allowed, what + " " + form + " int8 input: " + i);
      assertEquals(EXAMPLES, f.examples());
    }
  }
}
