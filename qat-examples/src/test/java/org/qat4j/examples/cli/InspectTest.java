package org.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.Conv2D;

/** {@code qat4j inspect} on an int8 model file prints every op with its numbers. */
class InspectTest {

    @TempDir
    Path dir;

    @Test
    void printsEveryOpWithShapesBitsScalesZeroPointsAndMultipliers() throws Exception {
        IntegerModel model = TinyModels.digitsShaped(7);
        Path file = dir.resolve("tiny.qat4j");
        model.save(file);
        Run run = Run.of("inspect", file.toString());
        assertEquals(0, run.status(), run.err());
        String out = run.out();
        for (String op : new String[] {"QuantizeInput", "Conv2D", "MaxPool2D", "Reshape", "FullyConnected",
            "DequantizeOutput"}) {
            assertTrue(out.contains(op), op + " missing:\n" + out);
        }
        assertTrue(out.contains("tiny test model"), out);
        assertTrue(out.contains("[8, 8, 1] -> [8, 8, 4]"), "conv shapes:\n" + out);
        assertTrue(out.contains("[4, 3, 3, 1] 8-bit per-ch"), "conv weights:\n" + out);
        assertTrue(out.contains("[10, 64] 4-bit per-tensor"), "fc weights:\n" + out);
        assertTrue(out.contains("0.003922"), "input scale 1/255:\n" + out);
        assertTrue(out.contains("-128"), "zero point:\n" + out);
        Conv2D conv = (Conv2D) model.graph().ops().get(1);
        QuantizedMultiplier m0 = conv.multipliers().get(0);
        assertTrue(out.contains("m=" + m0.multiplier() + " shift=" + m0.shift()), "multiplier of channel 0:\n" + out);
        // conv: 36 8-bit weights + 4 int32 biases; fc: 640 4-bit weights + 10 int32 biases
        assertTrue(line(out, "conv1").endsWith(" 52"), "conv bytes 36 + 16:\n" + out);
        assertTrue(line(out, " fc ").endsWith(" 360"), "fc bytes 320 + 40:\n" + out);
        assertTrue(out.contains("6 ops, 690 parameters"), out);
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow();
    }
}
