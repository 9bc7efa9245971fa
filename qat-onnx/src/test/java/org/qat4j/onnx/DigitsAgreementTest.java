package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.kernels.EdgeQuantizer;
import org.qat4j.onnx.OnnxExportOptions.Form;

/**
 * A CNN trained on the embedded digits with QAT ({@link DigitsModels}), exported and run in ONNX
 * Runtime against the int8 engine on all 1,797 digits and 2,000 uniform random images, fed as
 * floats and as int8 (the engine's quantization of the same images; for random int8 images,
 * uniform over the grid). Required: int8 outputs within one step and top-1 agreement of at least
 * 99.5%.
 *
 * <p>With 8-bit weights, ONNX Runtime's default optimizations turn the QDQ form's int8
 * activations into uint8 (its QDQS8ToU8 rewrite) and run u8 x s8 kernels, which on x86 CPUs
 * without VNNI (AVX2's VPMADDUBSW) saturate int16 pair sums once {@code 255 * |w1 + w2| >
 * 32767}: that path is measured and printed, not bounded, since it depends on the CPU. 7-bit
 * weights ({@code |w| <= 63}) cannot saturate; the QOperator form keeps int8 activations (exact
 * s8 x s8 kernels); and the session option {@code session.qdqisint8allowed = 1} keeps the QDQ
 * form on int8 too. Each of these is bounded here.
 */
class DigitsAgreementTest {

  private static final double MIN_TOP1 = 0.995;
  /** The float form's top-1 agreement with the int8 engine: measured 99.7-99.9% on the digits. */
  private static final double MIN_FLOAT_TOP1_DIGITS = 0.99;
  /** ... and 99.1-99.6% on random images, whose logits are closer together. */
  private static final double MIN_FLOAT_TOP1_RANDOM = 0.985;

  private static DigitsModels d;

  @TempDir
  Path dir;

  @BeforeAll
  static void train() throws Exception {
    d = DigitsModels.get();
  }

  @Test
  void qoperatorFormIsWithinOneStepWith8And7BitWeights() throws Exception {
    for (IntegerModel model : List.of(d.w8, d.w7)) {
      for (Comparison c : compare(model, Form.QOPERATOR, OptLevel.ALL_OPT, Map.of(), "default")) {
        assertBounded(c);
      }
    }
  }

  @Test
  void qdqFormWith7BitWeightsIsWithinOneStepOnOnnxRuntimesIntegerKernels() throws Exception {
    for (Comparison c : compare(d.w7, Form.QDQ, OptLevel.ALL_OPT, Map.of(), "default")) {
      assertBounded(c);
    }
    List<String> ops = OrtModel.optimizedOps(OnnxExporter.export(d.w7,
        OnnxExportOptions.defaults().withForm(Form.QDQ)), dir);
    System.out.println("ONNX Runtime runs the QDQ digits model as " + ops);
    assertTrue(ops.contains("com.microsoft:QLinearConv") && ops.contains("com.microsoft:QGemm"),
        "DequantizeLinear -> Conv/Gemm -> QuantizeLinear fused into integer kernels: " + ops);
  }

  @Test
  void qdqFormWith8BitWeightsIsWithinOneStepUnlessOnnxRuntimeSwitchesToUint8() throws Exception {
    for (Comparison c : compare(d.w8, Form.QDQ, OptLevel.BASIC_OPT, Map.of(), "basic (no QDQ fusion)")) {
      assertBounded(c);
    }
    for (Comparison c : compare(d.w8, Form.QDQ, OptLevel.ALL_OPT, Map.of("session.qdqisint8allowed", "1"),
        "qdqisint8allowed")) {
      assertBounded(c);
    }
    // CPU-dependent (u8 x s8 saturation without VNNI): measured, not bounded.
    compare(d.w8, Form.QDQ, OptLevel.ALL_OPT, Map.of(), "default");
    // An export-time 8-to-7-bit option, measured against the engine's 8-bit model it would replace.
    IntegerModel narrowed = WeightNarrowing.narrow(d.w8, 7);
    Engine engine8 = new Engine(d.w8);
    for (Form form : new Form[] {Form.QOPERATOR, Form.QDQ}) {
      byte[] onnx = OnnxExporter.export(narrowed, OnnxExportOptions.defaults().withForm(form)
          .withOutput(OnnxExportOptions.EdgeType.INT8));
      try (OrtModel ort = OrtModel.load(onnx)) {
        for (float[] x : List.of(d.digits, d.random)) {
          Comparison c = Comparison.int8(engine8.int8Outputs(x), (byte[]) ort.run(x, engine8.onnxInputShape(x.length / 64)),
              10);
          row("8 narrowed to 7 at export", form, "default", x == d.digits ? "float digits" : "float random", c);
        }
      }
    }
  }

  @Test
  void floatFormAgreesWithTheEngineInTop1() throws Exception {
    for (IntegerModel model : List.of(d.w8, d.w7)) {
      Engine engine = new Engine(model);
      try (OrtModel ort = OrtModel.load(OnnxExporter.export(model, OnnxExportOptions.defaults().withForm(Form.FLOAT)))) {
        float[] onDigits = (float[]) ort.run(d.digits, engine.onnxInputShape(d.labels.length));
        Comparison digits = Comparison.top1(engine.floatOutputs(d.digits), onDigits, 10);
        Comparison random = Comparison.top1(engine.floatOutputs(d.random),
            (float[]) ort.run(d.random, engine.onnxInputShape(DigitsModels.RANDOM_IMAGES)), 10);
        System.out.printf("%s, FLOAT form: top-1 agreement with the engine: digits %s, random %s; accuracy on the "
            + "digits: engine %.4f, float form %.4f%n", model.metadata().description(), digits, random,
            accuracy(engine.floatOutputs(d.digits)), accuracy(onDigits));
        assertTrue(digits.top1Agreement() >= MIN_FLOAT_TOP1_DIGITS, "digits: " + digits);
        assertTrue(random.top1Agreement() >= MIN_FLOAT_TOP1_RANDOM, "random: " + random);
      }
    }
  }

  @Test
  void theDigitsQuantizeAlikeAtTheInput() throws Exception {
    Quantization q = d.w8.graph().inputQuantization();
    IntegerModel edge = TestModels.inputEdge(q.scale(), q.zeroPoint());
    Comparison c = Agreements.floatInput(edge, Form.QOPERATOR, d.digits);
    System.out.println("input QuantizeLinear vs QuantizeInput on the digits (scale " + q.scale() + ", zero point "
        + q.zeroPoint() + "): " + c);
    assertEquals(0, c.maxDifference(), "the 17 pixel levels k/16 are no ties on this grid");
  }

  /** Float and int8 inputs, digits and random images; prints one table row each. */
  private static List<Comparison> compare(IntegerModel model, Form form, OptLevel level, Map<String, String> config,
      String setting) throws Exception {
    Quantization q = model.graph().inputQuantization();
    byte[] digitsInt8 = new byte[d.digits.length];
    EdgeQuantizer.quantize(d.digits, 0, digitsInt8, 0, d.digits.length, q.scale(), q.zeroPoint(), -128, 127);
    String bits = model.metadata().description().contains("7-bit") ? "7" : "8";
    Comparison[] c = {
        row(bits, form, setting, "float digits", Agreements.floatInput(model, form, d.digits, level, config)),
        row(bits, form, setting, "float random", Agreements.floatInput(model, form, d.random, level, config)),
        row(bits, form, setting, "int8 digits", Agreements.int8Input(model, form, digitsInt8, level, config)),
        row(bits, form, setting, "int8 random", Agreements.int8Input(model, form,
            Agreements.randomInt8(model, DigitsModels.RANDOM_IMAGES, 31), level, config))};
    return List.of(c);
  }

  private static Comparison row(String bits, Form form, String setting, String input, Comparison c) {
    System.out.printf("| %s | %s | %s | %s | %d | %d | %.2f%% | %d/%d (%.2f%%) |%n", bits, form, setting, input,
        c.examples(), c.maxDifference(), 100 * c.fractionDifferByOne(), c.top1Agree(), c.examples(),
        100 * c.top1Agreement());
    return c;
  }

  private static void assertBounded(Comparison c) {
    assertTrue(c.maxDifference() <= 1, c.toString());
    assertTrue(c.top1Agreement() >= MIN_TOP1, c.toString());
  }

  private static double accuracy(float[] logits) {
    int right = 0;
    for (int n = 0; n < d.labels.length; n++) {
      int best = 0;
      for (int i = 1; i < 10; i++) {
        best = logits[n * 10 + i] > logits[n * 10 + best] ? i : best;
      }
      right += best == d.labels[n] ? 1 : 0;
    }
    return (double) right / d.labels.length;
  }
}
