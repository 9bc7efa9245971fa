package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.onnx.OnnxExportOptions.Form;

/**
 * Multi-layer models built op by op (every op kind, padding, stride, dilation, 6-bit activations,
 * per-tensor and per-channel weights, NCHW and NHWC input layouts, every kind of reshape): each op
 * in isolation, fed the engine's own input tensor, within one step of the engine in ONNX Runtime
 * (equal for max pooling and reshapes); whole models that hold one weighted layer (reshapes, a
 * feature-map output) within one step end to end, which checks the layouts. Deeper random
 * networks carry one-step differences from layer to layer, so their end-to-end difference is
 * printed, not bounded.
 */
class LayerIsolationTest {

  private static final int EXAMPLES = 200;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("all ops W8 NCHW", TestModels.allOps(1, 8, InputLayout.NCHW), false),
        Arguments.of("all ops W7 NHWC", TestModels.allOps(2, 7, InputLayout.NHWC), false),
        Arguments.of("all ops W4 NCHW", TestModels.allOps(3, 4, InputLayout.NCHW), false),
        Arguments.of("MLP W8, 4-bit input", TestModels.mlp(4, 8), false),
        Arguments.of("reshapes NHWC", TestModels.reshapes(5, InputLayout.NHWC), true),
        Arguments.of("reshapes NCHW", TestModels.reshapes(6, InputLayout.NCHW), true),
        Arguments.of("feature-map output NHWC", TestModels.featureMapOutput(7, InputLayout.NHWC), true),
        Arguments.of("feature-map output NCHW", TestModels.featureMapOutput(8, InputLayout.NCHW), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void everyOpAloneIsWithinOneStep(String what, IntegerModel model, boolean oneWeightedLayer) throws Exception {
    float[] x = Agreements.randomFloats(model, EXAMPLES, 21);
    Map<String, byte[]> traced = new Interpreter(model).runTraced(toModelLayout(model, x));
    for (Op op : model.graph().ops()) {
      if (!SubModels.isolatable(op)) {
        continue;
      }
      IntegerModel alone = SubModels.isolate(model, op);
      Shape in = model.graph().tensor(op.inputs().get(0)).shape();
      byte[] input = nchw(traced.get(model.graph().tensor(op.inputs().get(0)).name()), in);
      int allowed = op instanceof MaxPool2D || op instanceof Reshape ? 0 : 1;
      for (Form form : new Form[] {Form.QOPERATOR, Form.QDQ}) {
        Comparison c = Agreements.int8Input(alone, form, input);
        System.out.println(what + ", " + op.kind() + " '" + op.name() + "' alone, " + form + ": " + c);
        assertTrue(c.maxDifference() <= allowed, what + ", " + op.name() + " alone, " + form + ": " + c);
      }
    }
    for (Form form : new Form[] {Form.QOPERATOR, Form.QDQ}) {
      Comparison c = Agreements.floatInput(model, form, x);
      System.out.println(what + ", end to end, " + form + ": " + c);
      if (oneWeightedLayer) {
        assertTrue(c.maxDifference() <= 1, what + ", end to end, " + form + ": " + c);
      }
    }
  }

  /** Float NCHW rows in the model's own input layout, for the interpreter. */
  private static float[] toModelLayout(IntegerModel model, float[] nchw) {
    Shape s = model.graph().input().shape();
    if (model.metadata().inputLayout() != InputLayout.NHWC || s.rank() != 3) {
      return nchw;
    }
    float[] nhwc = new float[nchw.length];
    Layout.nchwToNhwc(nchw, nhwc, nchw.length / s.elementCount(), s.dim(0), s.dim(1), s.dim(2));
    return nhwc;
  }

  /** An engine tensor (NHWC for feature maps) in ONNX's layout. */
  private static byte[] nchw(byte[] engine, Shape shape) {
    if (shape.rank() != 3) {
      return engine;
    }
    byte[] t = new byte[engine.length];
    Layout.nhwcToNchw(engine, t, engine.length / shape.elementCount(), shape.dim(0), shape.dim(1), shape.dim(2));
    return t;
  }
}
