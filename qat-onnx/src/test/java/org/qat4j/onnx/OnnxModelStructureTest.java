package org.qat4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.onnx.OnnxExportOptions.EdgeType;
import org.qat4j.onnx.OnnxExportOptions.Form;
import org.qat4j.onnx.proto.Onnx.GraphProto;
import org.qat4j.onnx.proto.Onnx.ModelProto;
import org.qat4j.onnx.proto.Onnx.NodeProto;
import org.qat4j.onnx.proto.Onnx.StringStringEntryProto;
import org.qat4j.onnx.proto.Onnx.TensorProto;
import org.qat4j.onnx.proto.Onnx.TensorShapeProto;
import org.qat4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * What the exported protobuf holds: versions, edges, metadata, the ops each form uses, and the
 * engine's weights bit for bit in ONNX's layouts (checked here with index formulas of their own).
 */
class OnnxModelStructureTest {

  @TempDir
  Path dir;

  private static final IntegerModel ALL_OPS = TestModels.allOps(1, 8, InputLayout.NCHW);

  @Test
  void versionsEdgesAndMetadata() {
    IntegerModel model = new IntegerModel(ALL_OPS.graph(), ModelMetadata.create("digits \"CNN\"\nsecond line",
        List.of("zero", "o\"ne", "2", "3", "4", "5", "6", "7", "8", "9"), InputLayout.NCHW));
    for (int opset : new int[] {13, 14, 15, 17}) {
      ModelProto m = OnnxExporter.toModelProto(model, OnnxExportOptions.defaults().withOpset(opset)
          .withInput(EdgeType.INT8));
      assertEquals(opset <= 14 ? 7 : 8, m.getIrVersion());
      assertEquals(1, m.getOpsetImportCount());
      assertEquals("", m.getOpsetImport(0).getDomain());
      assertEquals(opset, m.getOpsetImport(0).getVersion());
      assertEquals("qat4j", m.getProducerName());
      assertEquals("qat4j: digits \"CNN\"", m.getGraph().getName());
      assertEquals(model.metadata().description(), m.getDocString());
      assertEdge(m.getGraph().getInput(0), "image", TensorProto.DataType.INT8, 3, 9, 10);
      assertEdge(m.getGraph().getOutput(0), "logits", TensorProto.DataType.FLOAT, 10);
      assertEquals(1, m.getGraph().getInputCount(), "initializers are not graph inputs");
    }
    Map<String, String> props = new HashMap<>();
    for (StringStringEntryProto e : OnnxExporter.toModelProto(model, OnnxExportOptions.defaults()).getMetadataPropsList()) {
      props.put(e.getKey(), e.getValue());
    }
    assertEquals("QOPERATOR", props.get("qat4j.form"));
    assertEquals("[N, 3, 9, 10]", props.get("qat4j.input_shape"));
    assertEquals(model.graph().inputQuantization().scale(), Float.parseFloat(props.get("qat4j.input_scale")));
    assertEquals("-3", props.get("qat4j.input_zero_point"));
    assertEquals("[-128, 127]", props.get("qat4j.input_range"));
    assertEquals(model.graph().outputQuantization().scale(), Float.parseFloat(props.get("qat4j.output_scale")));
    assertEquals(Integer.toString(model.graph().outputQuantization().zeroPoint()), props.get("qat4j.output_zero_point"));
    assertEquals("[\"zero\", \"o\\\"ne\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"]",
        props.get("qat4j.class_labels"));
    assertEquals(model.metadata().provenance().get("os.arch"), props.get("qat4j.provenance.os.arch"));
  }

  private static void assertEdge(ValueInfoProto v, String name, TensorProto.DataType type, long... dimsAfterBatch) {
    assertEquals(name, v.getName());
    assertEquals(type.getNumber(), v.getType().getTensorType().getElemType());
    List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
    assertEquals(dimsAfterBatch.length + 1, dims.size());
    assertEquals("N", dims.get(0).getDimParam());
    for (int i = 0; i < dimsAfterBatch.length; i++) {
      assertEquals(dimsAfterBatch[i], dims.get(i + 1).getDimValue());
    }
  }

  @Test
  void qoperatorComputesOnInt8WithIntegerOpsAndExactClamps() {
    GraphProto g = OnnxExporter.toModelProto(ALL_OPS, OnnxExportOptions.defaults()).getGraph();
    assertEquals(Set.of("QuantizeLinear", "QLinearConv", "Clip", "MaxPool", "DequantizeLinear", "AveragePool",
        "Flatten", "MatMulInteger", "Add", "Cast", "Mul"), Set.copyOf(Protos.opTypes(g)));
    // Every clamp narrower than int8 is an int8 Clip with int8 bounds: conv1 [-20, 127], conv2 [-12, 20],
    // pool2 on conv2's 6-bit grid [-32, 31], fc2 [-100, 60].
    List<NodeProto> clips = Protos.nodes(g, "Clip");
    assertEquals(4, clips.size());
    for (NodeProto clip : clips) {
      assertEquals(TensorProto.DataType.INT8.getNumber(), Protos.initializer(g, clip.getInput(1)).getDataType());
      assertEquals(TensorProto.DataType.INT8.getNumber(), Protos.initializer(g, clip.getInput(2)).getDataType());
    }
    assertEquals(List.of(-20, 127, -12, 20, -32, 31, -100, 60), clips.stream()
        .flatMap(c -> Stream.of(c.getInput(1), c.getInput(2)))
        .map(n -> (int) Protos.int8(Protos.initializer(g, n))[0]).toList());
    // Float appears only around the average pool (DequantizeLinear, AveragePool, QuantizeLinear) and in
    // the fully-connected requantization (Cast, Mul, QuantizeLinear): two of each, plus the edges.
    assertEquals(2, Protos.nodes(g, "Cast").size());
    assertEquals(1, Protos.nodes(g, "AveragePool").size());
    assertEquals(2, Protos.nodes(g, "DequantizeLinear").size());
    assertEquals(4, Protos.nodes(g, "QuantizeLinear").size());
  }

  @Test
  void qdqFormQuantizesEveryTensorAndKeepsIntegerWeightsBehindDequantizeLinear() {
    GraphProto g = OnnxExporter.toModelProto(ALL_OPS, OnnxExportOptions.defaults().withForm(Form.QDQ)).getGraph();
    assertEquals(Set.of("QuantizeLinear", "DequantizeLinear", "Conv", "Clip", "MaxPool", "AveragePool", "Flatten",
        "Gemm"), Set.copyOf(Protos.opTypes(g)));
    for (String op : List.of("Conv", "Gemm")) {
      for (NodeProto n : Protos.nodes(g, op)) {
        for (String input : n.getInputList()) {
          NodeProto producer = producer(g, input);
          assertEquals("DequantizeLinear", producer.getOpType(), op + " input " + input);
        }
        NodeProto weights = producer(g, n.getInput(1));
        NodeProto bias = producer(g, n.getInput(2));
        assertEquals(TensorProto.DataType.INT8.getNumber(), Protos.initializer(g, weights.getInput(0)).getDataType());
        assertEquals(TensorProto.DataType.INT32.getNumber(), Protos.initializer(g, bias.getInput(0)).getDataType());
      }
    }
    // One QuantizeLinear per int8 engine tensor: the input, conv1, pool1, conv2, pool2, flatten, fc1, fc2.
    assertEquals(8, Protos.nodes(g, "QuantizeLinear").size());
  }

  @Test
  void convolutionWeightsAreTheEnginesInOihwOrder() {
    Conv2D conv = (Conv2D) ALL_OPS.graph().ops().get(1);
    QuantizedWeights w = conv.filter();
    int o = w.shape().dim(0);
    int kh = w.shape().dim(1);
    int kw = w.shape().dim(2);
    int in = w.shape().dim(3);
    GraphProto g = OnnxExporter.toModelProto(ALL_OPS, OnnxExportOptions.defaults()).getGraph();
    NodeProto qconv = Protos.nodes(g, "QLinearConv").get(0);
    TensorProto weights = Protos.initializer(g, qconv.getInput(3));
    assertArrayEquals(new long[] {o, in, kh, kw}, Protos.dims(weights));
    byte[] oihw = Protos.int8(weights);
    float[] real = Protos.float32(Protos.initializer(OnnxExporter.toModelProto(ALL_OPS,
        OnnxExportOptions.defaults().withForm(Form.FLOAT)).getGraph(), "conv1_weight"));
    for (int oc = 0; oc < o; oc++) {
      for (int ic = 0; ic < in; ic++) {
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            int onnx = ic * kh * kw + y * kw + x + oc * in * kh * kw;
            int engine = ((oc * kh + y) * kw + x) * in + ic;
            assertEquals(w.value(engine), oihw[onnx]);
            assertEquals((float) (w.value(engine) * (double) w.scale(oc)), real[onnx], "float form weight");
          }
        }
      }
    }
    assertArrayEquals(w.scales(), Protos.float32(Protos.initializer(g, qconv.getInput(4))));
    assertArrayEquals(new byte[o], Protos.int8(Protos.initializer(g, qconv.getInput(5))));
    assertArrayEquals(conv.bias(), Protos.int32(Protos.initializer(g, qconv.getInput(8))));
    NodeProto attributes = qconv;
    assertEquals(List.of(1L, 1L, 1L, 1L), ints(attributes, "pads")); // SAME 3x3, stride 1
  }

  @Test
  void aFlattenReadByDenseLayersKeepsNchwOrderAndTheWeightColumnsFollow() {
    // allOps: fc1 reads pool2 [H, W, C] flattened.
    FullyConnected fc = (FullyConnected) ALL_OPS.graph().ops().get(6);
    QuantizedWeights w = fc.weights();
    int[] map = ALL_OPS.graph().tensor(ALL_OPS.graph().ops().get(5).inputs().get(0)).shape().dims();
    int h = map[0];
    int wd = map[1];
    int c = map[2];
    assertTrue(h > 1 && wd > 1 && c > 1, "the two orders differ");
    assertEquals(h * wd * c, w.shape().dim(1));
    GraphProto g = OnnxExporter.toModelProto(ALL_OPS, OnnxExportOptions.defaults()).getGraph();
    assertTrue(Protos.nodes(g, "Transpose").isEmpty(), "no transpose before the flatten");
    NodeProto matmul = Protos.nodes(g, "MatMulInteger").get(0);
    TensorProto b = Protos.initializer(g, matmul.getInput(1));
    int k = h * wd * c;
    int m = w.shape().dim(0);
    assertArrayEquals(new long[] {k, m}, Protos.dims(b));
    byte[] kByM = Protos.int8(b);
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < wd; x++) {
          int chw = (ch * h + y) * wd + x;
          int hwc = (y * wd + x) * c + ch;
          for (int o = 0; o < m; o++) {
            assertEquals(w.value(o * k + hwc), kByM[chw * m + o], "column " + chw + ", output " + o);
          }
        }
      }
    }
  }

  @Test
  void reshapesThatAreNotReadByDenseLayersTransposeToNhwcAndBack() {
    GraphProto g = OnnxExporter.toModelProto(TestModels.reshapes(1, InputLayout.NCHW), OnnxExportOptions.defaults())
        .getGraph();
    assertEquals(List.of("QuantizeLinear", "QLinearConv", "Transpose", "Reshape", "Transpose", "Transpose", "Reshape",
        "Flatten", "DequantizeLinear"), Protos.opTypes(g));
  }

  @Test
  void exportIsDeterministicAndWriteIsAtomic() throws IOException {
    OnnxExportOptions qdq = OnnxExportOptions.defaults().withForm(Form.QDQ);
    byte[] first = OnnxExporter.export(ALL_OPS, qdq);
    assertArrayEquals(first, OnnxExporter.export(ALL_OPS, qdq));
    Path file = dir.resolve("model.onnx");
    Files.writeString(file, "an older file");
    assertEquals(first.length, OnnxExporter.write(ALL_OPS, file, qdq));
    assertArrayEquals(first, Files.readAllBytes(file));
    assertEquals(OnnxExporter.toModelProto(ALL_OPS, qdq), ModelProto.parseFrom(Files.readAllBytes(file)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
    assertThrows(IOException.class, () -> OnnxExporter.write(ALL_OPS, dir.resolve("missing/model.onnx"), qdq));
    assertFalse(Files.exists(dir.resolve("missing")));
  }

  private static List<Long> ints(NodeProto n, String attribute) {
    return n.getAttributeList().stream().filter(a -> a.getName().equals(attribute)).findFirst().orElseThrow()
        .getIntsList();
  }

  private static NodeProto producer(GraphProto g, String value) {
    return g.getNodeList().stream().filter(n -> n.getOutputList().contains(value)).findFirst()
        .orElseThrow(() -> new AssertionError("nothing produces " + value));
  }
}
