package org.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.format.IntegerModel;

/** The example programs run end to end on reduced epochs and write loadable int8 models. */
class ExamplesTest {

    @TempDir
    Path dir;

    @Test
    void qatFromScratchWritesAModelRunExportedModelCanRun() throws Exception {
        Path out = dir.resolve("scratch.qat4j");
        String summary = QatFromScratch.run(out, 1, 1);
        assertTrue(summary.contains("QAT int8 (simulated)"), summary);
        IntegerModel model = IntegerModel.load(out);
        assertEquals(2, RunExportedModel.classify(model, java.util.List.of(new float[64], new float[64])).size());
    }

    @Test
    void quantizeTrainedModelReportsFloatPtqAndEngine() throws Exception {
        Path out = dir.resolve("ptq.qat4j");
        String summary = QuantizeTrainedModel.run(null, out, 1);
        assertTrue(summary.matches("float \\d+\\.\\d\\d %, PTQ int8 simulated \\d+\\.\\d\\d %, int8 engine \\d+\\.\\d\\d %.*"),
                summary);
        assertEquals(10, IntegerModel.load(out).metadata().classLabels().size());
    }
}
