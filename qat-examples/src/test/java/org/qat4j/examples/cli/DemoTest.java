package org.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;

/** {@code qat4j demo} on a reduced setting produces a loadable model and its table. */
class DemoTest {

    @TempDir
    Path dir;

    @Test
    void reducedDemoWritesALoadableModelAndPrintsTheTable() throws Exception {
        Path out = dir.resolve("demo/digits-int8.qat4j");
        Run run = Run.of("demo", "--epochs", "1", "--qat-epochs", "1", "--bench-seconds", "0.05", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        for (String row : new String[] {"float (DL4J)", "PTQ int8, simulated", "QAT int8, simulated",
            "QAT int8, int8 engine"}) {
            assertTrue(run.out().contains(row), row + " missing:\n" + run.out());
        }
        assertTrue(run.out().contains(" .zip") && run.out().contains(" .qat4j"), "model sizes:\n" + run.out());
        assertTrue(run.out().contains("img/s"), "speed:\n" + run.out());
        assertTrue(run.out().contains("agree on"), run.out());
        IntegerModel model = IntegerModel.load(out);
        assertEquals(10, model.metadata().classLabels().size());
        assertEquals(64, new Interpreter(model).inputSize());
        assertTrue(Files.isRegularFile(dir.resolve("demo/digits-int8-float.zip")));
        assertTrue(Files.isRegularFile(dir.resolve("demo/digits-int8-qat.zip")));
    }
}
