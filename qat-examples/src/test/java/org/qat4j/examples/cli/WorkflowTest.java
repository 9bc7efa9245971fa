package org.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.format.IntegerModel;

/**
 * The subcommands chained as a user would on a small digits subset: train, qat with a report,
 * ptq, export, eval in every mode, inspect of each file kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowTest {

    private static final String[] SUBSET = {"--data", "digits", "--train-limit", "400"};

    @TempDir
    static Path dir;

    private Path floatZip;
    private Path qatZip;
    private Run qat;

    @BeforeAll
    void trainAndFineTune() {
        floatZip = dir.resolve("f.zip");
        Run train = Run.of(concat(new String[] {"train", "--epochs", "3", "--out", floatZip.toString()}, SUBSET));
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("test accuracy"), train.out());
        assertTrue(Files.isRegularFile(floatZip));
        assertTrue(train.err().contains("float") && train.err().contains("batches"), "progress bar:\n" + train.err());
        qatZip = dir.resolve("f-qat.zip");
        qat = Run.of(concat(new String[] {"qat", "--model", floatZip.toString(), "--epochs", "1", "--report",
            dir.resolve("report").toString()}, SUBSET));
        assertEquals(0, qat.status(), qat.err());
    }

    @Test
    void qatPrintsEachStageAndSavesTheNetwork() {
        for (String row : new String[] {"float (f.zip)", "PTQ W8A8 per-channel, simulated",
            "QAT W8A8 per-channel, simulated"}) {
            assertTrue(qat.out().contains(row), row + " missing:\n" + qat.out());
        }
        assertTrue(Files.isRegularFile(qatZip), "QAT network saved next to the float one");
    }

    @Test
    void reportHasEveryChartAsPngAndLinksThem() throws IOException {
        Path report = dir.resolve("report");
        String md = Files.readString(report.resolve("report.md"));
        for (String chart : new String[] {"ranges.png", "weights-conv1.png", "weights-fc1.png", "weights-out.png",
            "accuracy-vs-bits.png"}) {
            Path png = report.resolve(chart);
            assertTrue(Files.size(png) > 1000, chart);
            byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic, chart);
            assertTrue(md.contains("(" + chart + ")"), chart + " not linked from report.md");
        }
        assertTrue(md.contains("| PTQ, weights b bits, activations 8 | 2 |"), md);
    }

    @Test
    void evalPicksTheEngineFromTheFile() {
        Run f = Run.of(concat(new String[] {"eval", "--model", floatZip.toString()}, SUBSET));
        assertEquals(0, f.status(), f.err());
        assertTrue(f.out().matches("(?s).*\\nf\\.zip +float +\\d+ +\\d+\\.\\d\\d %.*"), f.out());
        Run s = Run.of(concat(new String[] {"eval", "--model", qatZip.toString()}, SUBSET));
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().matches("(?s).*\\nf-qat\\.zip +simulated +\\d+ +\\d+\\.\\d\\d %.*"), s.out());
    }

    @Test
    void evalRejectsAnEngineTheFileCannotRun() {
        Run run = Run.of("eval", "--model", floatZip.toString(), "--engine", "int8");
        assertEquals(ErrorHandlers.FAILURE, run.status());
        assertTrue(run.err().contains("needs a QAT network"), run.err());
        Run export = Run.of("export", "--model", floatZip.toString(), "--out", dir.resolve("x.qat4j").toString());
        assertEquals(ErrorHandlers.FAILURE, export.status());
        assertTrue(export.err().contains("is a float network"), export.err());
        Run ptq = Run.of("ptq", "--model", qatZip.toString());
        assertEquals(ErrorHandlers.FAILURE, ptq.status());
        assertTrue(ptq.err().contains("is already a QAT network"), ptq.err());
    }

    @Test
    void inspectDescribesFloatAndQatNetworks() {
        Run f = Run.of("inspect", floatZip.toString());
        assertEquals(0, f.status(), f.err());
        assertTrue(f.out().contains("float DL4J network"), f.out());
        assertTrue(f.out().contains("ConvolutionLayer") && f.out().contains("BatchNormalization"), f.out());
        Run q = Run.of("inspect", qatZip.toString());
        assertEquals(0, q.status(), q.err());
        assertTrue(q.out().contains("QAT DL4J network"), q.out());
        assertTrue(q.out().contains("FakeQuantLayer"), q.out());
        assertTrue(q.out().contains("weights 8-bit symmetric per channel"), q.out());
        assertTrue(q.out().contains("activations 8-bit, range ["), q.out());
        assertTrue(q.out().contains("zero point -128"), "input quantizer of [0, 1] has zero point -128:\n" + q.out());
    }

    @Test
    void exportWritesALoadableModelThatEvaluatesLikeTheSimulation() throws IOException {
        Path model = dir.resolve("m.qat4j");
        Run export = Run.of("export", "--model", qatZip.toString(), "--out", model.toString(), "--data", "digits");
        assertEquals(0, export.status(), export.err());
        IntegerModel loaded = IntegerModel.load(model);
        assertEquals(10, loaded.metadata().classLabels().size());
        Run inspect = Run.of("inspect", model.toString());
        assertEquals(0, inspect.status(), inspect.err());
        assertTrue(inspect.out().contains("Conv2D") && inspect.out().contains("FullyConnected"), inspect.out());
        Run eval = Run.of(concat(new String[] {"eval", "--model", model.toString()}, SUBSET));
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().matches("(?s).*\\nm\\.qat4j +int8 +\\d+ +\\d+\\.\\d\\d %.*"), eval.out());
        Run both = Run.of(concat(new String[] {"eval", "--model", qatZip.toString(), "--engine", "int8"}, SUBSET));
        assertEquals(0, both.status(), both.err());
        assertTrue(both.out().contains("int8 engine and simulated predictions agree on"), both.out());
    }

    @Test
    void exportWritesOnnxFromAQatNetwork() throws IOException {
        Run run = Run.of("export", "--model", qatZip.toString(), "--format", "onnx", "--data", "digits");
        assertEquals(0, run.status(), run.err());
        Path onnx = dir.resolve("f-qat.onnx");
        assertTrue(run.out().startsWith("wrote " + onnx), run.out());
        org.qat4j.onnx.proto.Onnx.ModelProto m = org.qat4j.onnx.proto.Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals(4, m.getGraph().getInput(0).getType().getTensorType().getShape().getDimCount(), "[N, 1, 8, 8]");
        assertTrue(m.getMetadataPropsList().stream().anyMatch(e -> e.getKey().equals("qat4j.class_labels")));
    }

    @Test
    void ptqWritesAnInt8ModelAndReportsAllThreeAccuracies() throws IOException {
        Path model = dir.resolve("p.qat4j");
        Run run = Run.of(concat(new String[] {"ptq", "--model", floatZip.toString(), "--out", model.toString(),
            "--weight-bits", "6"}, SUBSET));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("PTQ W6A8 per-channel, int8 engine"), run.out());
        assertEquals(6, ((org.qat4j.core.graph.Conv2D) IntegerModel.load(model).graph().ops().get(1)).filter().bits());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
