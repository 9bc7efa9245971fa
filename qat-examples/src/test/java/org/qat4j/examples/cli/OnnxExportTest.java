package org.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.onnx.proto.Onnx.ModelProto;
import org.qat4j.onnx.proto.Onnx.NodeProto;
import org.qat4j.onnx.proto.Onnx.StringStringEntryProto;

/**
 * {@code qat4j export --format onnx} from an int8 model file: every form, the edge types and the
 * opset reach the file, and ONNX Runtime predicts the digits as the int8 engine does.
 */
class OnnxExportTest {

    @TempDir
    Path dir;

    @Test
    void qoperatorExportRunsInOnnxRuntimeLikeTheEngine() throws Exception {
        Path int8 = dir.resolve("tiny.qat4j");
        TinyModels.digitsShaped(7).save(int8);
        Run run = Run.of("export", "--model", int8.toString(), "--format", "onnx");
        assertEquals(0, run.status(), run.err());
        Path onnx = dir.resolve("tiny.onnx");
        assertTrue(run.out().startsWith("wrote " + onnx), run.out());
        assertTrue(run.out().contains("ONNX qoperator form, opset 13, float input, float output"), run.out());
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertTrue(ops(proto).contains("QLinearConv") && ops(proto).contains("MatMulInteger"), ops(proto).toString());

        IntegerModel model = IntegerModel.load(int8);
        ImageData data = DataChoice.DIGITS.load();
        float[][] rows = data.test().toFloatRows(data.scaling());
        float[] batch = new float[rows.length * 64];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, batch, i * 64, 64);
        }
        int[] engine = new Interpreter(model).predict(batch);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {rows.length, 1, 8, 8});
             OrtSession.Result result = session.run(Map.of("image", x))) {
            float[][] logits = (float[][]) result.get(0).getValue();
            int agree = 0;
            for (int i = 0; i < rows.length; i++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    best = logits[i][c] > logits[i][best] ? c : best;
                }
                agree += best == engine[i] ? 1 : 0;
            }
            assertTrue(agree >= rows.length - 1, agree + " of " + rows.length + " test digits agree");
        }
    }

    @Test
    void formsEdgesAndOpsetReachTheFile() throws Exception {
        Path int8 = dir.resolve("tiny.qat4j");
        TinyModels.digitsShaped(8).save(int8);
        Path qdq = dir.resolve("out/qdq.onnx");
        Run run = Run.of("export", "--model", int8.toString(), "--format", "onnx", "--onnx-form", "qdq",
                "--onnx-input", "int8", "--onnx-output", "int8", "--opset", "17", "--out", qdq.toString());
        assertEquals(0, run.status(), run.err());
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(qdq));
        assertEquals(17, m.getOpsetImport(0).getVersion());
        assertEquals("QDQ", props(m).get("qat4j.form"));
        assertEquals("INT8", props(m).get("qat4j.input_type"));
        assertEquals("INT8", props(m).get("qat4j.output_type"));
        assertTrue(ops(m).contains("Conv") && ops(m).contains("DequantizeLinear"), ops(m).toString());

        Path fp = dir.resolve("float.onnx");
        assertEquals(0, Run.of("export", "--model", int8.toString(), "--format", "ONNX", "--onnx-form", "float",
                "--out", fp.toString()).status());
        ModelProto f = ModelProto.parseFrom(Files.readAllBytes(fp));
        assertEquals("FLOAT", props(f).get("qat4j.form"));
        assertTrue(!ops(f).contains("QuantizeLinear") && ops(f).contains("Gemm"), ops(f).toString());
    }

    private static Set<String> ops(ModelProto m) {
        Set<String> ops = new HashSet<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            ops.add(n.getOpType());
        }
        return ops;
    }

    private static Map<String, String> props(ModelProto m) {
        Map<String, String> p = new HashMap<>();
        for (StringStringEntryProto e : m.getMetadataPropsList()) {
            p.put(e.getKey(), e.getValue());
        }
        return p;
    }
}
