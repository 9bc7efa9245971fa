package org.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.examples.cli.TinyModels;

/** The qat-core-only example: its imports and its results. */
class RunExportedModelTest {

    @Test
    void importsOnlyTheJdkAndQatCore() throws IOException {
        Path source = Path.of("src/main/java/org/qat4j/examples/RunExportedModel.java");
        List<String> imports = Files.readAllLines(source).stream().filter(l -> l.startsWith("import ")).toList();
        assertTrue(imports.size() > 3, "imports found: " + imports);
        for (String line : imports) {
            assertTrue(line.startsWith("import java.") || line.startsWith("import org.qat4j.core."), line);
        }
    }

    @Test
    void classifiesLikeTheInterpreterAndTheInt8EntryPointAgrees() {
        IntegerModel model = TinyModels.digitsShaped(3);
        Random r = new Random(11);
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            float[] image = new float[64];
            for (int k = 0; k < image.length; k++) {
                image[k] = r.nextFloat();
            }
            images.add(image);
        }
        List<String> lines = RunExportedModel.classify(model, images);
        assertEquals(images.size(), lines.size());
        Interpreter engine = new Interpreter(model);
        for (int i = 0; i < images.size(); i++) {
            int expected = engine.predict(images.get(i))[0];
            assertTrue(lines.get(i).startsWith("image " + i + ": class " + expected + " (" + expected + ")"), lines.get(i));
            assertTrue(lines.get(i).contains("int8 entry point agrees"), lines.get(i));
        }
    }
}
