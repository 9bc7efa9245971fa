package org.qat4j.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BiasQuantizerTest {

    @Test
    void matchesTflitesOwnPerChannelExample() {
        // quantization_utils_test.cc: input scale 0.5, weight scales {0.5, 1}, bias {4, 1} -> {16, 2}.
        assertArrayEquals(new int[] {16, 2}, BiasQuantizer.quantize(new float[] {4f, 1f}, 2, 0.5f,
                new float[] {0.5f, 1f}, "test"));
    }

    @Test
    void tiesRoundAwayFromZero() {
        // s_in * s_w = 0.5 * 0.5 = 0.25 exactly, inverse 4: b * 4 lands on exact half-integers.
        float[] bias = {0.125f, -0.125f, 0.375f, -0.375f, 0.625f, -0.625f, 0f, -0f};
        assertArrayEquals(new int[] {1, -1, 2, -2, 3, -3, 0, 0},
                BiasQuantizer.quantize(bias, bias.length, 0.5f, new float[] {0.5f}, "ties"));
    }

    @Test
    void multipliesByTheFloatInverseAsTfliteDoes() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            float sIn = (float) Math.exp(-8 * r.nextDouble());
            float sW = (float) Math.exp(-8 * r.nextDouble());
            float b = (float) ((r.nextDouble() * 2 - 1) * 10);
            int q = BiasQuantizer.quantize(new float[] {b}, 1, sIn, new float[] {sW}, "random")[0];
            float inverse = (float) (1.0 / (sIn * sW));
            float product = b * inverse;
            double frac = Math.abs(product) - Math.floor(Math.abs(product));
            long expected = (long) Math.signum(product) * (long) (Math.floor(Math.abs(product)) + (frac >= 0.5 ? 1 : 0));
            assertEquals(expected, q, "b " + b + " s " + sIn * sW);
            // Whatever the order of operations, the integer is within half a step (plus float error) of b / s.
            assertTrue(Math.abs(q - b / ((double) sIn * sW)) <= 0.5 + 1e-5 * Math.abs(q) + 1e-6);
        }
    }

    @Test
    void extremesOfTheInt32RangeAreCheckedNotClamped() {
        // 2^31 - 1 is not a float; the largest float below 2^31 is 2^31 - 128.
        float largest = 2147483520f;
        assertArrayEquals(new int[] {2147483520, -2147483520},
                BiasQuantizer.quantize(new float[] {largest, -largest}, 2, 1f, new float[] {1f}, "edge"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BiasQuantizer.quantize(new float[] {2147483648f}, 1, 1f, new float[] {1f}, "layer 3 'fc' (DenseLayer)"));
        assertTrue(e.getMessage().startsWith("layer 3 'fc' (DenseLayer): bias"), e.getMessage());
        assertTrue(e.getMessage().contains("int32"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BiasQuantizer.quantize(new float[] {1f}, 1, 1e-20f, new float[] {1e-20f}, "tiny scale"));
        assertThrows(IllegalArgumentException.class,
                () -> BiasQuantizer.quantize(new float[] {Float.NaN}, 1, 1f, new float[] {1f}, "nan"));
    }

    @Test
    void aLayerWithoutBiasGetsZerosAndLengthsAreChecked() {
        assertArrayEquals(new int[3], BiasQuantizer.quantize(null, 3, 0.1f, new float[] {1f, 2f, 3f}, "none"));
        assertThrows(IllegalArgumentException.class,
                () -> BiasQuantizer.quantize(new float[2], 3, 0.1f, new float[] {1f}, "short"));
        assertThrows(IllegalArgumentException.class,
                () -> BiasQuantizer.quantize(new float[3], 3, 0.1f, new float[] {1f, 2f}, "scales"));
    }
}
