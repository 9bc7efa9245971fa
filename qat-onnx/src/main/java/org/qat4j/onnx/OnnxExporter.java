package org.qat4j.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.qat4j.core.Qat4jVersion;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Tensor;
import org.qat4j.core.io.AtomicFiles;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;
import org.qat4j.onnx.proto.Onnx.ModelProto;
import org.qat4j.onnx.proto.Onnx.OperatorSetIdProto;
import org.qat4j.onnx.proto.Onnx.StringStringEntryProto;
import org.qat4j.onnx.proto.Onnx.TensorProto.DataType;

/**
 * Exports qat4j's integer model to ONNX in one of three forms ({@link OnnxExportOptions.Form}).
 *
 * <pre>{@code
 *   byte[] onnx = OnnxExporter.export(model, OnnxExportOptions.defaults());  // QOperator, float in and out
 *   OnnxExporter.write(model, Path.of("digits-qdq.onnx"),
 *       OnnxExportOptions.defaults().withForm(OnnxExportOptions.Form.QDQ));
 * }</pre>
 *
 * <p>The graph input is named after the engine graph's input tensor and is NCHW {@code [N, C,
 * H, W]} for an image (whatever the model's own {@code InputLayout}) or {@code [N, K]} for a
 * vector, with a symbolic batch {@code N}; the output is named after the engine's output tensor,
 * NCHW likewise. {@code metadata_props} record the form, the input and output quantization and
 * the class labels (see {@link ModelProperties}).
 */
public final class OnnxExporter {

  private OnnxExporter() {}

  /**
   * The model as an ONNX {@code ModelProto}.
   *
   * @throws IllegalArgumentException naming what has no ONNX form
   */
  public static ModelProto toModelProto(IntegerModel model, OnnxExportOptions options) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(options, "options is null; use OnnxExportOptions.defaults()");
    IntegerGraph graph = model.graph();
    OnnxGraph onnx = new OnnxGraph();
    Tensor input = graph.input();
    Tensor output = graph.output();
    String inputName = onnx.reserve(input.name());
    String outputName = onnx.reserve(output.name());
    onnx.input(inputName, options.input() == EdgeType.INT8 ? DataType.INT8 : DataType.FLOAT,
        dimsAfterBatch(input));
    onnx.output(outputName, options.output() == EdgeType.INT8 ? DataType.INT8 : DataType.FLOAT,
        dimsAfterBatch(output));
    GraphLowering.lower(graph, lowering(onnx, options), inputName, outputName);

    ModelProto.Builder m = ModelProto.newBuilder()
        .setIrVersion(irVersion(options.opset()))
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()))
        .setProducerName("qat4j")
        .setProducerVersion(Qat4jVersion.get())
        .setDocString(model.metadata().description())
        .setGraph(onnx.build(graphName(model), ModelProperties.graphDoc(model, options)));
    for (Map.Entry<String, String> e : ModelProperties.of(model, options).entrySet()) {
      m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    }
    return m.build();
  }

  /**
   * The model as ONNX bytes (a serialized {@code ModelProto}).
   *
   * @throws IllegalArgumentException naming what has no ONNX form
   */
  public static byte[] export(IntegerModel model, OnnxExportOptions options) {
    return toModelProto(model, options).toByteArray();
  }

  /**
   * Writes the model as an ONNX file: to a temporary file in the target's directory, forced to
   * disk, then renamed over {@code target} atomically; the temporary file is removed if anything
   * fails.
   *
   * @return the number of bytes written
   * @throws IllegalArgumentException naming what has no ONNX form
   * @throws IOException if writing fails or the file system cannot rename atomically
   */
  public static long write(IntegerModel model, Path target, OnnxExportOptions options) throws IOException {
    byte[] bytes = export(model, options);
    AtomicFiles.write(target, bytes);
    return bytes.length;
  }

  /**
   * The lowest IR version that carries the opset (ONNX's versioning table): opsets 13 and 14 came
   * with IR 7 (ONNX 1.8, 1.9), 15 to 17 with IR 8 (1.10 to 1.12).
   */
  static long irVersion(int opset) {
    return opset <= 14 ? 7 : 8;
  }

  private static FormLowering lowering(OnnxGraph onnx, OnnxExportOptions options) {
    switch (options.form()) {
      case QOPERATOR:
        return new QOperatorLowering(onnx, options);
      case QDQ:
        return new QdqLowering(onnx, options);
      case FLOAT:
        return new FloatLowering(onnx);
      default:
        throw new AssertionError(options.form());
    }
  }

  private static long[] dimsAfterBatch(Tensor t) {
    long[] withBatch = ReshapePlan.onnxDims(t.shape(), 0);
    return java.util.Arrays.copyOfRange(withBatch, 1, withBatch.length);
  }

  private static String graphName(IntegerModel model) {
    String description = model.metadata().description();
    return description.isBlank() ? "qat4j" : "qat4j: " + description.lines().findFirst().orElse("");
  }
}
