package org.qat4j.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Map;
import java.util.SplittableRandom;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;
import org.qat4j.onnx.OnnxExportOptions.Form;

/** Runs a model's export in ONNX Runtime and on the engine, on the same inputs, int8 out. */
final class Agreements {

  private Agreements() {}

  /** Float NCHW input, int8 outputs, ONNX Runtime's default optimizations. */
  static Comparison floatInput(IntegerModel model, Form form, float[] x) throws Exception {
    return floatInput(model, form, x, OptLevel.ALL_OPT, Map.of());
  }

  /** Float NCHW input, int8 outputs. */
  static Comparison floatInput(IntegerModel model, Form form, float[] x, OptLevel level, Map<String, String> config)
      throws Exception {
    Engine engine = new Engine(model);
    byte[] onnx = OnnxExporter.export(model, OnnxExportOptions.defaults().withForm(form).withOutput(EdgeType.INT8));
    int batch = x.length / engine.inputSize();
    try (OrtModel ort = OrtModel.load(onnx, level, config)) {
      return Comparison.int8(engine.int8Outputs(x), (byte[]) ort.run(x, engine.onnxInputShape(batch)),
          engine.outputSize());
    }
  }

  /** Int8 NCHW input, int8 outputs, ONNX Runtime's default optimizations. */
  static Comparison int8Input(IntegerModel model, Form form, byte[] x) throws Exception {
    return int8Input(model, form, x, OptLevel.ALL_OPT, Map.of());
  }

  /** Int8 NCHW input, int8 outputs. */
  static Comparison int8Input(IntegerModel model, Form form, byte[] x, OptLevel level, Map<String, String> config)
      throws Exception {
    Engine engine = new Engine(model);
    byte[] onnx = OnnxExporter.export(model,
        OnnxExportOptions.defaults().withForm(form).withInput(EdgeType.INT8).withOutput(EdgeType.INT8));
    int batch = x.length / engine.inputSize();
    try (OrtModel ort = OrtModel.load(onnx, level, config)) {
      return Comparison.int8(engine.int8OutputsFromInt8(x), (byte[]) ort.run(x, engine.onnxInputShape(batch)),
          engine.outputSize());
    }
  }

  /** Uniform random float inputs over the model's input range widened by a tenth on each side (some saturate). */
  static float[] randomFloats(IntegerModel model, int examples, long seed) {
    Quantization q = model.graph().inputQuantization();
    ActivationClamp c = inputClamp(model);
    double lo = q.dequantize(c.min());
    double hi = q.dequantize(c.max());
    double margin = (hi - lo) / 10;
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[examples * model.graph().input().shape().elementCount()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (lo - margin + r.nextDouble() * (hi - lo + 2 * margin));
    }
    return x;
  }

  /** Uniform random int8 inputs on the model's input grid (its clamp range). */
  static byte[] randomInt8(IntegerModel model, int examples, long seed) {
    ActivationClamp c = inputClamp(model);
    SplittableRandom r = new SplittableRandom(seed);
    byte[] x = new byte[examples * model.graph().input().shape().elementCount()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) (c.min() + r.nextInt(c.max() - c.min() + 1));
    }
    return x;
  }

  static ActivationClamp inputClamp(IntegerModel model) {
    for (Op op : model.graph().ops()) {
      if (op instanceof QuantizeInput q) {
        return q.clamp();
      }
    }
    throw new AssertionError("no QuantizeInput");
  }
}
