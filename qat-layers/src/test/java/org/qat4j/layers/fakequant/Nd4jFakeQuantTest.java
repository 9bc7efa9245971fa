package org.qat4j.layers.fakequant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qat4j.core.quant.FakeQuant;
import org.qat4j.core.quant.FakeQuantGradients;
import org.qat4j.core.quant.Nudge;
import org.qat4j.core.quant.PerChannelFakeQuantGradients;

/** The ND4J fake quantization against qat-core's scalar reference {@link FakeQuant}, bit for bit. */
class Nd4jFakeQuantTest {

    private static final int TRIALS = 60;

    @Test
    void perTensorForwardIsBitExactOn2dAnd4d() {
        Random rnd = new Random(11);
        for (int t = 0; t < TRIALS; t++) {
            QuantGrid grid = randomGrid(rnd);
            float[] range = randomRange(rnd);
            long[] shape = t % 2 == 0 ? new long[] {7, 13} : new long[] {3, 4, 5, 6};
            float[] x = inputsWithTies(rnd, shape, range, grid);
            INDArray in = Nd4j.createFromArray(x).reshape(shape);
            NudgedRanges r = NudgedRanges.of(new float[] {range[0]}, new float[] {range[1]}, grid);
            float[] got = Nd4jFakeQuant.forwardPerTensor(in, r, in.ulike()).data().asFloat();
            float[] expected = FakeQuant.forward(x, range[0], range[1], grid.numBits(), grid.narrowRange());
            for (int i = 0; i < x.length; i++) {
                assertBits(expected[i], got[i], "trial " + t + " x=" + x[i]);
            }
        }
    }

    @Test
    void perChannelForwardIsBitExactOn2dAnd4d() {
        Random rnd = new Random(12);
        for (int t = 0; t < TRIALS; t++) {
            QuantGrid grid = randomGrid(rnd);
            int channels = 1 + rnd.nextInt(5);
            long[] shape = t % 2 == 0 ? new long[] {9, channels} : new long[] {2, channels, 3, 5};
            float[] min = new float[channels];
            float[] max = new float[channels];
            for (int c = 0; c < channels; c++) {
                float[] range = randomRange(rnd);
                min[c] = range[0];
                max[c] = range[1];
            }
            float[] x = inputsWithTies(rnd, shape, new float[] {min[0], max[0]}, grid);
            INDArray in = Nd4j.createFromArray(x).reshape(shape);
            NudgedRanges r = NudgedRanges.of(min, max, grid);
            float[] got = Nd4jFakeQuant.forwardPerChannel(in, r, in.ulike()).data().asFloat();
            float[] expected = FakeQuant.forwardPerChannel(x, intShape(shape), 1, min, max, grid.numBits(),
                    grid.narrowRange());
            for (int i = 0; i < x.length; i++) {
                assertBits(expected[i], got[i], "trial " + t + " c=" + channelOf(i, shape) + " x=" + x[i]);
            }
        }
    }

    @Test
    void perTensorGradientsMatchTheDefinition() {
        Random rnd = new Random(13);
        for (int t = 0; t < TRIALS; t++) {
            QuantGrid grid = randomGrid(rnd);
            float[] range = randomRange(rnd);
            long[] shape = t % 2 == 0 ? new long[] {6, 11} : new long[] {2, 3, 4, 5};
            float[] x = inputsWithTies(rnd, shape, range, grid);
            float[] g = randomFloats(rnd, x.length);
            NudgedRanges r = NudgedRanges.of(new float[] {range[0]}, new float[] {range[1]}, grid);
            INDArray in = Nd4j.createFromArray(x).reshape(shape);
            RangeGradients got = Nd4jFakeQuant.backwardPerTensor(in, Nd4j.createFromArray(g).reshape(shape), r, in.ulike());
            FakeQuantGradients expected = FakeQuant.gradients(x, g, range[0], range[1], grid.numBits(), grid.narrowRange());
            float[] dx = got.dx().data().asFloat();
            for (int i = 0; i < x.length; i++) {
                assertBits(expected.dx()[i], dx[i], "dx at x=" + x[i]);
            }
            assertBits(expected.dMin(), got.dMin()[0], "dMin");
            assertBits(expected.dMax(), got.dMax()[0], "dMax");
        }
    }

    @Test
    void perChannelGradientsMatchTheDefinition() {
        Random rnd = new Random(14);
        for (int t = 0; t < TRIALS; t++) {
            QuantGrid grid = randomGrid(rnd);
            int channels = 1 + rnd.nextInt(4);
            long[] shape = t % 2 == 0 ? new long[] {10, channels} : new long[] {3, channels, 2, 4};
            float[] min = new float[channels];
            float[] max = new float[channels];
            for (int c = 0; c < channels; c++) {
                float[] range = randomRange(rnd);
                min[c] = range[0];
                max[c] = range[1];
            }
            float[] x = randomFloats(rnd, (int) product(shape));
            float[] g = randomFloats(rnd, x.length);
            NudgedRanges r = NudgedRanges.of(min, max, grid);
            INDArray in = Nd4j.createFromArray(x).reshape(shape);
            RangeGradients got = Nd4jFakeQuant.backwardPerChannel(in, Nd4j.createFromArray(g).reshape(shape), r, in.ulike());
            PerChannelFakeQuantGradients expected = FakeQuant.gradientsPerChannel(x, g, intShape(shape), 1, min, max,
                    grid.numBits(), grid.narrowRange());
            float[] dx = got.dx().data().asFloat();
            for (int i = 0; i < x.length; i++) {
                assertBits(expected.dx()[i], dx[i], "dx c=" + channelOf(i, shape) + " x=" + x[i]);
            }
            for (int c = 0; c < channels; c++) {
                assertBits(expected.dMin()[c], got.dMin()[c], "dMin c=" + c);
                assertBits(expected.dMax()[c], got.dMax()[c], "dMax c=" + c);
            }
        }
    }

    @Test
    void zeroRangeOutputsZerosAndPassesTheGradient() {
        QuantGrid grid = new QuantGrid(8, false);
        INDArray x = Nd4j.createFromArray(new float[] {-2f, 0f, 3f, 0.25f, -1f, 5f}).reshape(3, 2);
        INDArray g = Nd4j.createFromArray(new float[] {1f, 2f, 3f, 4f, 5f, 6f}).reshape(3, 2);
        NudgedRanges tensor = NudgedRanges.of(new float[] {0f}, new float[] {0f}, grid);
        assertArrayEquals(new float[6], Nd4jFakeQuant.forwardPerTensor(x, tensor, x.ulike()).data().asFloat());
        RangeGradients gt = Nd4jFakeQuant.backwardPerTensor(x, g, tensor, x.ulike());
        assertArrayEquals(g.data().asFloat(), gt.dx().data().asFloat());
        assertArrayEquals(new float[1], gt.dMin());
        // Channel 0 has a zero range, channel 1 a real one.
        NudgedRanges mixed = NudgedRanges.of(new float[] {0f, -1f}, new float[] {0f, 1f}, grid);
        float[] y = Nd4jFakeQuant.forwardPerChannel(x, mixed, x.ulike()).data().asFloat();
        assertBits(0f, y[0], "zero channel");
        assertBits(0f, y[2], "zero channel");
        assertBits(0f, y[4], "zero channel");
        assertBits(Nudge.nudge(-1f, 1f, 0, 255).max(), y[5], "x=5 clamps to the nudged max of [-1, 1]");
        float[] xs = x.data().asFloat();
        assertArrayEquals(FakeQuant.forwardPerChannel(xs, new int[] {3, 2}, 1, new float[] {0f, -1f},
                new float[] {0f, 1f}, 8, false), y, "qat-core agrees on the zero-range channel");
        RangeGradients gc = Nd4jFakeQuant.backwardPerChannel(x, g, mixed, x.ulike());
        float[] dx = gc.dx().data().asFloat();
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 0f}, dx);
        assertArrayEquals(new float[] {0f, 0f}, gc.dMin());
        assertArrayEquals(new float[] {0f, 6f}, gc.dMax());
    }

    @Test
    void tiesRoundHalfUpOnTheGrid() {
        // Range [0, 255] at 8 bits: scale 1, zero point 0; x = k + 0.5 rounds up to k + 1.
        QuantGrid grid = new QuantGrid(8, false);
        NudgedRanges r = NudgedRanges.of(new float[] {0f}, new float[] {255f}, grid);
        INDArray x = Nd4j.createFromArray(new float[] {0.5f, 1.5f, 2.5f, 254.5f, -0.5f, 300f});
        assertArrayEquals(new float[] {1f, 2f, 3f, 255f, 0f, 255f},
                Nd4jFakeQuant.forwardPerTensor(x, r, x.ulike()).data().asFloat());
    }

    @Test
    void rejectsMismatchedShapesAndChannels() {
        QuantGrid grid = new QuantGrid(8, false);
        NudgedRanges two = NudgedRanges.of(new float[] {-1f, -1f}, new float[] {1f, 1f}, grid);
        INDArray x = Nd4j.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nd4jFakeQuant.forwardPerChannel(x, two, x.ulike()));
        assertTrue(e.getMessage().contains("axis 1 of size 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nd4jFakeQuant.forwardPerTensor(x, two, x.ulike()));
        assertThrows(IllegalArgumentException.class,
                () -> NudgedRanges.of(new float[] {1f}, new float[] {-1f}, grid));
    }

    static QuantGrid randomGrid(Random rnd) {
        int bits = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(15) : 8;
        return new QuantGrid(bits, rnd.nextBoolean());
    }

    /** A range with 0 inside, sometimes one-sided, sometimes tiny or large. */
    static float[] randomRange(Random rnd) {
        float magnitude = (float) Math.pow(10, rnd.nextInt(5) - 2);
        float lo = -rnd.nextFloat() * magnitude;
        float hi = rnd.nextFloat() * magnitude + 1e-3f * magnitude;
        switch (rnd.nextInt(4)) {
            case 0 -> lo = 0f;
            case 1 -> hi = 0f;
            default -> { }
        }
        if (hi - lo <= 0) {
            hi = lo + magnitude;
        }
        return new float[] {lo, hi};
    }

    /** Random values around the range plus exact half-steps (ties) and the range ends. */
    static float[] inputsWithTies(Random rnd, long[] shape, float[] range, QuantGrid grid) {
        int n = (int) product(shape);
        float[] x = new float[n];
        float width = range[1] - range[0];
        float step = width / grid.steps();
        for (int i = 0; i < n; i++) {
            switch (i % 5) {
                case 0 -> x[i] = range[0] + (rnd.nextInt(grid.steps() + 1) + 0.5f) * step;
                case 1 -> x[i] = i % 2 == 0 ? range[0] : range[1];
                default -> x[i] = range[0] - width * 0.2f + rnd.nextFloat() * width * 1.4f;
            }
        }
        return x;
    }

    static float[] randomFloats(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian() * 3;
        }
        return v;
    }

    static int channelOf(int flatIndex, long[] shape) {
        long inner = 1;
        for (int d = 2; d < shape.length; d++) {
            inner *= shape[d];
        }
        return (int) ((flatIndex / inner) % shape[1]);
    }

    static int[] intShape(long[] shape) {
        int[] s = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            s[d] = (int) shape[d];
        }
        return s;
    }

    static long product(long[] shape) {
        long p = 1;
        for (long s : shape) {
            p *= s;
        }
        return p;
    }

    static void assertBits(float expected, float actual, String what) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                what + ": expected " + expected + " got " + actual);
    }
}
