package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;

/**
 * The Java example of docs/onnx.md, line for line (the files in a temporary directory, a fixed
 * image): export an int8 model file in two forms and run one in ONNX Runtime.
 */
class OnnxDocExampleTest {

  @TempDir
  Path dir;

  @Test
  void theDocumentedExampleRuns() throws Exception {
    TestModels.digitsShaped(5).save(dir.resolve("digits.qat4j"));

    // --- docs/onnx.md, "Exporting" ---
    IntegerModel model = IntegerModel.load(dir.resolve("digits.qat4j"));
    OnnxExporter.write(model, dir.resolve("digits.onnx"), OnnxExportOptions.defaults()); // QOperator, float in and out
    OnnxExporter.write(model, dir.resolve("digits-qdq.onnx"),
        OnnxExportOptions.defaults().withForm(OnnxExportOptions.Form.QDQ));

    float[] image = exampleDigit(); // one 8x8 digit: 64 pixels in [0, 1]
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(dir.resolve("digits.onnx").toString(), new OrtSession.SessionOptions());
         OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 1, 8, 8});
         OrtSession.Result result = session.run(Map.of("input", input))) {
      float[][] logits = (float[][]) result.get(0).getValue(); // [1, 10], dequantized
      int best = 0;
      for (int c = 1; c < logits[0].length; c++) {
        best = logits[0][c] > logits[0][best] ? c : best;
      }
      System.out.println("class " + best);
      // --- end of the example ---
      assertEquals(new Interpreter(model).predict(image)[0], best);
    }
  }

  private static float[] exampleDigit() {
    float[] image = new float[64];
    for (int i = 0; i < image.length; i++) {
      image[i] = (i * 7 % 17) / 16f;
    }
    return image;
  }
}
