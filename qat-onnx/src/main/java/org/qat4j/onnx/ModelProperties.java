package org.qat4j.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;

/**
 * What an exported ONNX model says about itself in {@code metadata_props} and the graph's doc
 * string: enough to feed it (the input's scale, zero point and range for int8 input) and read
 * it (the output's scale and zero point, the class labels), and where it came from.
 *
 * <p>Keys: {@code qat4j.form}; {@code qat4j.input_type}, {@code qat4j.input_shape}, {@code
 * qat4j.input_scale}, {@code qat4j.input_zero_point}, {@code qat4j.input_range} (the int8 range
 * the input is clamped to); {@code qat4j.output_type}, {@code qat4j.output_shape}, {@code
 * qat4j.output_scale}, {@code qat4j.output_zero_point}; {@code qat4j.class_labels} (a JSON array
 * of strings, if the model has labels); {@code qat4j.model_version} (the qat4j that made the
 * integer model) and {@code qat4j.provenance.KEY} for each of its provenance entries. Scales are
 * written with {@link Float#toString}, which reads back to the same float32.
 */
final class ModelProperties {

  private ModelProperties() {}

  /** The metadata entries, in a fixed order. */
  static Map<String, String> of(IntegerModel model, OnnxExportOptions options) {
    IntegerGraph graph = model.graph();
    Quantization in = graph.inputQuantization();
    Quantization out = graph.outputQuantization();
    ActivationClamp inputRange = inputClamp(graph);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("qat4j.form", options.form().name());
    p.put("qat4j.input_type", options.input().name());
    p.put("qat4j.input_shape", shape(ReshapePlan.onnxDims(graph.input().shape(), 0)));
    p.put("qat4j.input_scale", Float.toString(in.scale()));
    p.put("qat4j.input_zero_point", Integer.toString(in.zeroPoint()));
    p.put("qat4j.input_range", "[" + inputRange.min() + ", " + inputRange.max() + "]");
    p.put("qat4j.output_type", options.output().name());
    p.put("qat4j.output_shape", shape(ReshapePlan.onnxDims(graph.output().shape(), 0)));
    p.put("qat4j.output_scale", Float.toString(out.scale()));
    p.put("qat4j.output_zero_point", Integer.toString(out.zeroPoint()));
    if (!model.metadata().classLabels().isEmpty()) {
      p.put("qat4j.class_labels", jsonArray(model.metadata().classLabels()));
    }
    p.put("qat4j.model_version", model.metadata().qat4jVersion());
    model.metadata().provenance().forEach((k, v) -> p.put("qat4j.provenance." + k, v));
    return p;
  }

  /** One paragraph for the graph's doc string: the form and how to feed and read the model. */
  static String graphDoc(IntegerModel model, OnnxExportOptions options) {
    IntegerGraph graph = model.graph();
    Quantization in = graph.inputQuantization();
    Quantization out = graph.outputQuantization();
    String inputShape = shape(ReshapePlan.onnxDims(graph.input().shape(), 0));
    ActivationClamp clamp = inputClamp(graph);
    String input = options.input() == EdgeType.FLOAT
        ? "float32 input " + inputShape
        : "int8 input " + inputShape + " quantized as q = clamp(round_half_to_even(x / " + in.scale() + ") + "
            + in.zeroPoint() + ", " + clamp.min() + ", " + clamp.max() + ")";
    String output = options.output() == EdgeType.FLOAT
        ? "float32 output"
        : "int8 output (x = " + out.scale() + " * (q - " + out.zeroPoint() + "))";
    return "qat4j integer model, " + options.form() + " form: " + input + ", " + output + ".";
  }

  private static ActivationClamp inputClamp(IntegerGraph graph) {
    for (Op op : graph.ops()) {
      if (op instanceof QuantizeInput q) {
        return q.clamp();
      }
    }
    throw new AssertionError("validated graph without QuantizeInput");
  }

  private static String shape(long[] dims) {
    StringBuilder s = new StringBuilder("[N");
    for (int i = 1; i < dims.length; i++) {
      s.append(", ").append(dims[i]);
    }
    return s.append(']').toString();
  }

  /** A JSON array of strings, escaping quotes, backslashes and control characters. */
  static String jsonArray(List<String> items) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      s.append(i == 0 ? "\"" : ", \"");
      for (char c : items.get(i).toCharArray()) {
        if (c == '"' || c == '\\') {
          s.append('\\').append(c);
        } else if (c < 0x20) {
          s.append(String.format("\\u%04x", (int) c));
        } else {
          s.append(c);
        }
      }
      s.append('"');
    }
    return s.append(']').toString();
  }
}
