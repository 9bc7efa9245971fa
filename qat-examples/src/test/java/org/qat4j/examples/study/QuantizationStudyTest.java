package org.qat4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.qat4j.examples.pipeline.ConsoleOutput;
import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.ImageData;

/**
 * The study's code on a tiny subset (the embedded digits, about 160 training and 100 test images, one
 * epoch each): every row is run, measured simulated and on the engine, and written to Markdown.
 * The real study runs from the command, not in the test suite.
 */
class QuantizationStudyTest {

    @Test
    void everyRowIsMeasuredSimulatedAndOnTheEngine() throws Exception {
        ImageData data = DataChoice.DIGITS.load().limited(160, 100);
        QuantizationStudy.Settings settings = new QuantizationStudy.Settings(1, 1, 32, 42, 5e-4, 4, 8, 16);
        StringWriter err = new StringWriter();
        ConsoleOutput io = new ConsoleOutput(new PrintWriter(new StringWriter()), new PrintWriter(err), false);
        StudyResult result = QuantizationStudy.run(data, settings, StudyVariant.standard(), io);

        assertEquals(StudyVariant.standard().size(), result.rows().size());
        for (StudyResult.Row row : result.rows()) {
            if (row.variant().settings().narrowRangeActivations()) {
                // The engine's activations use the full int8 grid, as TFLite's do; the exporter refuses
                // a narrow-range activation grid and the row must say so instead of showing a number.
                assertFalse(row.hasEngine(), "narrow-range activations are exported now: expect an engine figure");
                assertTrue(row.note().contains("narrow-range"), row.note());
                continue;
            }
            assertTrue(row.hasEngine(), row.variant().name() + ": " + row.note());
            assertTrue(row.simulated() >= 0 && row.simulated() <= 1);
            assertTrue(row.agreement() > 0.5, row.variant().name() + " engine and simulated mostly agree: "
                    + row.agreement());
        }
        String page = ResultsMarkdown.page(result, settings, "./qat4j study --data digits", "test machine", 1.0);
        for (StudyVariant v : StudyVariant.standard()) {
            assertTrue(page.contains("| " + v.name() + " |"), v.name() + " missing:\n" + page);
        }
        assertTrue(page.contains("./qat4j study --data digits"), page);
        assertTrue(page.contains("test machine"), page);
        assertTrue(page.contains("QAT int8 (engine) >= float - 0.1 pp"), page);
        assertTrue(page.contains("engine = simulated within 0.05 pp"), page);
        assertFalse(page.contains("not measured"), page);
        assertTrue(page.contains("- QAT int8, narrow-range activations: not exported: "), page);
        assertFalse(page.contains("per-tensor weights: not exported"), page);
    }

    @Test
    void targetsSayMetOrMissedByHowMuch() {
        StudyVariant qat = StudyVariant.standard().get(1);
        StudyVariant ptq = StudyVariant.standard().get(0);
        StudyResult r = new StudyResult("d", "n", 0.90, 1, 0.905, java.util.List.of(
                new StudyResult.Row(ptq, 0.897, 0.896, 0.99, "", 1),
                new StudyResult.Row(qat, 0.9005, 0.9005, 1.0, "", 1)));
        String targets = ResultsMarkdown.targets(r).toMarkdown();
        assertTrue(targets.contains("| QAT int8 (engine) >= float - 0.1 pp | 90.05 % (+0.05 pp) | met |"), targets);
        assertTrue(targets.contains("| PTQ int8 (engine) >= float - 0.5 pp | 89.60 % (-0.40 pp) | met |"), targets);
        assertTrue(targets.contains("| W4A4 QAT (engine) >= float - 1.0 pp | row not run | not measured |"), targets);
        assertTrue(targets.contains("largest difference 0.10 pp (PTQ int8) | missed |"), targets);
    }
}
