package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Shape;
import org.qat4j.onnx.OnnxExportOptions.Form;

/**
 * Requantization ties, pinned: a layer whose accumulator is {@code x + bias} for every int8
 * {@code x} (one weight of 1, input scale 1, zero point 0) and whose multiplier {@code M = w_scale}
 * is a power of two, so that {@code acc * M} is exactly computable and often exactly half-way.
 * ONNX Runtime must give {@code round_half_to_even(acc * M) + zp}, saturated, in every form and
 * for both the fully-connected path (MatMulInteger, Cast, Mul, QuantizeLinear) and QLinearConv.
 * The engine (TFLite's fixed point) rounds twice for {@code M < 1/2}: first to a {@code
 * 2M}-th of a step (ties toward +infinity), then to the step (ties away from zero), so besides
 * ties it also differs where the first rounding creates one (acc * M = 0.25 becomes 0.5, then 1).
 * It stays within one step of ONNX everywhere and equals it wherever {@code acc * M} is an integer.
 */
class RequantizationTiesTest {

  @ParameterizedTest(name = "M = {0}, bias {1}, output zero point {2}, conv {3}")
  @CsvSource({"0.5, 0, 0, false", "0.5, 7, 3, false", "0.25, -5, -9, false", "0.125, 1000, 0, false",
      "0.5, 0, 0, true", "0.25, 7, 3, true", "2, 0, 0, true"})
  void onnxRoundsHalfToEvenAndTheEngineStaysWithinOneStep(float multiplier, int bias, int zeroPoint, boolean conv)
      throws Exception {
    IntegerModel model = model(multiplier, bias, zeroPoint, conv);
    byte[] x = new byte[256];
    for (int i = 0; i < 256; i++) {
      x[i] = (byte) (i - 128);
    }
    byte[] engine = new Engine(model).int8OutputsFromInt8(x);
    int ties = 0;
    int apart = 0;
    for (Form form : new Form[] {Form.QOPERATOR, Form.QDQ}) {
      byte[] ort = run(model, form, x);
      for (int i = 0; i < 256; i++) {
        double real = (double) (x[i] + bias) * multiplier;
        int expected = (int) Math.max(-128, Math.min(127, Math.rint(real) + zeroPoint));
        assertEquals(expected, ort[i], form + ": acc " + (x[i] + bias) + " * " + multiplier);
        boolean exact = real == Math.rint(real);
        assertTrue(Math.abs(engine[i] - ort[i]) <= (exact ? 0 : 1),
            form + ": engine " + engine[i] + ", ONNX " + ort[i] + " for acc " + (x[i] + bias));
        ties += real - Math.floor(real) == 0.5 && form == Form.QOPERATOR ? 1 : 0;
        apart += engine[i] != ort[i] && form == Form.QOPERATOR ? 1 : 0;
      }
    }
    System.out.printf("M = %s, bias %d, zp %d, %s: %d ties among 256 accumulators, %d one step apart%n", multiplier,
        bias, zeroPoint, conv ? "QLinearConv" : "MatMulInteger", ties, apart);
  }

  private static byte[] run(IntegerModel model, Form form, byte[] x) throws Exception {
    Engine engine = new Engine(model);
    byte[] onnx = OnnxExporter.export(model, OnnxExportOptions.defaults().withForm(form)
        .withInput(OnnxExportOptions.EdgeType.INT8).withOutput(OnnxExportOptions.EdgeType.INT8));
    try (OrtModel ort = OrtModel.load(onnx)) {
      return (byte[]) ort.run(x, engine.onnxInputShape(x.length / engine.inputSize()));
    }
  }

  /** One weight of 1 at scale {@code multiplier}: a 1x1 convolution over [4, 4, 1] or a 1x1 fully-connected layer. */
  private static IntegerModel model(float multiplier, int bias, int zeroPoint, boolean conv) {
    IntegerGraphBuilder b = IntegerGraph.builder();
    Quantization in = Quantization.int8(1f, 0);
    Quantization out = Quantization.int8(1f, zeroPoint);
    int y;
    if (conv) {
      int x = b.quantizeInput("q", b.input("x", Shape.of(4, 4, 1)), in);
      y = b.conv2d("conv", x, QuantizedWeights.perChannel(Shape.of(1, 1, 1, 1), new byte[] {1},
          new float[] {multiplier}, 8), new int[] {bias}, ConvWindow.of(1, 1, Padding.valid()), out,
          ActivationClamp.full(out));
    } else {
      int x = b.quantizeInput("q", b.input("x", Shape.of(1)), in);
      y = b.fullyConnected("fc", x, QuantizedWeights.perTensor(Shape.of(1, 1), new byte[] {1}, multiplier, 8),
          new int[] {bias}, out, ActivationClamp.full(out));
    }
    b.dequantizeOutput("y", y);
    return new IntegerModel(b.build(), ModelMetadata.create("ties", List.of(), InputLayout.NCHW));
  }
}
