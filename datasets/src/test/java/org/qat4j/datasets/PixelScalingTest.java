package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw, [0,1] and standardized pixel values: exact formulas, extremes and statistics. */
class PixelScalingTest {

    @Test
    void unitRangeMapsZeroAndMaxExactlyAndRoundsOnceInBetween() {
        for (int max : new int[] {1, 16, 255}) {
            PixelScaling s = PixelScaling.unitRange(max);
            assertEquals(0f, s.apply(0, 0));
            assertEquals(1f, s.apply(0, max));
            for (int v = 0; v <= 255; v++) {
                assertEquals((float) (v / (double) max), s.apply(0, v), "v=" + v + " max=" + max);
            }
        }
        assertEquals(0.5f, PixelScaling.unitRange(16).apply(0, 8));
        assertEquals(1f / 255f, PixelScaling.unitRange(255).apply(2, 1), 0f);
    }

    @Test
    void rawKeepsValues() {
        PixelScaling raw = PixelScaling.raw();
        for (int v = 0; v <= 255; v++) {
            assertEquals(v, raw.apply(0, v));
        }
        assertEquals(0, raw.channels());
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.unitRange(0));
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.unitRange(256));
        assertThrows(IllegalArgumentException.class,
                () -> PixelScaling.standardize(new double[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> PixelScaling.standardize(new double[] {1, 2}, new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PixelScaling.standardize(new double[] {1, 2, 3}, new double[] {1, 1, 1}).requireChannels(1));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
    }

    @Test
    void standardizationFromTrainingHasZeroMeanUnitStdPerChannel() {
        int n = 300;
        ImageShape shape = new ImageShape(3, 4, 5);
        byte[] pixels = TestFiles.randomBytes(n * shape.pixelsPerImage(), 5);
        // Give channels different ranges so per-channel statistics matter.
        for (int i = 0; i < pixels.length; i++) {
            int c = (i % shape.pixelsPerImage()) / shape.pixelsPerChannel();
            pixels[i] = (byte) ((pixels[i] & 0xFF) >> (2 * c));
        }
        LabeledImages train = LabeledImages.of("rgb", shape, pixels, new int[n], List.of("x"), 255);
        PixelScaling s = PixelScaling.standardizeFrom(train);
        assertEquals(3, s.channels());
        float[][] rows = train.toFloatRows(s);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            long count = 0;
            for (float[] row : rows) {
                for (int k = c * 20; k < (c + 1) * 20; k++) {
                    sum += row[k];
                    squares += (double) row[k] * row[k];
                    count++;
                }
            }
            double mean = sum / count;
            assertEquals(0, mean, 1e-6, "channel " + c);
            assertEquals(1, Math.sqrt(squares / count - mean * mean), 1e-6, "channel " + c);
        }
    }

    @Test
    void standardizeUsesTheDocumentedFormula() {
        PixelScaling s = PixelScaling.standardize(new double[] {0.1307 * 255, 100}, new double[] {0.3081 * 255, 7});
        for (int v = 0; v <= 255; v++) {
            assertEquals((float) ((v - 0.1307 * 255) / (0.3081 * 255)), s.apply(0, v));
            assertEquals((float) ((v - 100.0) / 7.0), s.apply(1, v));
        }
    }

    @Test
    void plainArraysAgreeWithEachOther() throws Exception {
        LabeledImages digits = Digits.load();
        PixelScaling s = PixelScaling.unitRange(digits);
        float[][] rows = digits.toFloatRows(s);
        FloatImages flat = digits.toFloatImages(s);
        assertEquals(digits.size(), flat.count());
        assertArrayEquals(digits.labels(), flat.labels());
        for (int i = 0; i < digits.size(); i += 97) {
            for (int k = 0; k < 64; k++) {
                assertEquals(digits.pixel(i, k) / 16f, rows[i][k], 0f);
                assertEquals(rows[i][k], flat.pixels()[i * 64 + k], 0f);
            }
            float[] oneHot = digits.oneHotLabels()[i];
            assertEquals(1f, oneHot[digits.label(i)]);
            assertEquals(1.0, sum(oneHot), 0);
        }
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
