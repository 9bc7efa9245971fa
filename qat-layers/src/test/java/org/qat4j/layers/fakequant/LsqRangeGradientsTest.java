package org.qat4j.layers.fakequant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qat4j.core.quant.FakeQuant;
import org.qat4j.core.quant.Nudge;
import org.qat4j.core.quant.NudgedRange;

class LsqRangeGradientsTest {

    @Test
    void perChannelMatchesTheDefinitionOn2dAnd4d() {
        Random rnd = new Random(31);
        for (int t = 0; t < 40; t++) {
            QuantGrid grid = Nd4jFakeQuantTest.randomGrid(rnd);
            int channels = 1 + rnd.nextInt(3);
            long[] shape = t % 2 == 0 ? new long[] {12, channels} : new long[] {2, channels, 3, 3};
            float[] min = new float[channels];
            float[] max = new float[channels];
            for (int c = 0; c < channels; c++) {
                float[] r = Nd4jFakeQuantTest.randomRange(rnd);
                min[c] = r[0];
                max[c] = r[1];
            }
            float[] x = Nd4jFakeQuantTest.randomFloats(rnd, (int) Nd4jFakeQuantTest.product(shape));
            float[] g = Nd4jFakeQuantTest.randomFloats(rnd, x.length);
            INDArray in = Nd4j.createFromArray(x).reshape(shape);
            NudgedRanges ranges = NudgedRanges.of(min, max, grid);
            RangeGradients got = LsqRangeGradients.backwardPerChannel(in, Nd4j.createFromArray(g).reshape(shape),
                    min, max, ranges, in.ulike());
            float[][] expected = oracle(x, g, shape, min, max, grid, true);
            assertArrayEquals(expected[0], got.dMin(), "dMin trial " + t);
            assertArrayEquals(expected[1], got.dMax(), "dMax trial " + t);
            RangeGradients tf = Nd4jFakeQuant.backwardPerChannel(in, Nd4j.createFromArray(g).reshape(shape), ranges, in.ulike());
            assertArrayEquals(tf.dx().data().asFloat(), got.dx().data().asFloat(), "same straight-through dx");
        }
    }

    @Test
    void perTensorMatchesTheDefinition() {
        Random rnd = new Random(32);
        for (int t = 0; t < 40; t++) {
            QuantGrid grid = Nd4jFakeQuantTest.randomGrid(rnd);
            float[] r = Nd4jFakeQuantTest.randomRange(rnd);
            long[] shape = {4, 3, 2, 2};
            float[] x = Nd4jFakeQuantTest.randomFloats(rnd, 48);
            float[] g = Nd4jFakeQuantTest.randomFloats(rnd, 48);
            float[] min = {r[0]};
            float[] max = {r[1]};
            INDArray in = Nd4j.createFromArray(x).reshape(shape);
            RangeGradients got = LsqRangeGradients.backwardPerTensor(in, Nd4j.createFromArray(g).reshape(shape),
                    min, max, NudgedRanges.of(min, max, grid), in.ulike());
            float[][] expected = oracle(x, g, shape, min, max, grid, false);
            assertArrayEquals(expected[0], got.dMin());
            assertArrayEquals(expected[1], got.dMax());
        }
    }

    @Test
    void belowTheRangeItAgreesWithTfUpToTheGradientScale() {
        // Range [-1, 3]: every input below the range, so only the clipping terms act. With the
        // zero point's rounding passed through, dMin = gradScale * sum(g) and dMax ~ 0.
        QuantGrid grid = new QuantGrid(8, false);
        float[] min = {-1f};
        float[] max = {3f};
        INDArray x = Nd4j.createFromArray(new float[] {-5f, -2f, -1.5f, -7f});
        INDArray g = Nd4j.createFromArray(new float[] {1f, 2f, 3f, 4f});
        RangeGradients got = LsqRangeGradients.backwardPerTensor(x, g, min, max, NudgedRanges.of(min, max, grid), x.ulike());
        double gradScale = (float) (1 / Math.sqrt(4 * 255.0));
        assertEquals(10 * gradScale, got.dMin()[0], 10 * gradScale * 0.01);
        assertEquals(0, got.dMax()[0], 10 * gradScale * 0.01);
    }

    /** Straight transcription of the LSQ mapping documented on LsqRangeGradients. */
    private static float[][] oracle(float[] x, float[] g, long[] shape, float[] min, float[] max, QuantGrid grid,
            boolean perChannel) {
        int channels = min.length;
        double[] inRange = new double[channels];
        double[] below = new double[channels];
        double[] above = new double[channels];
        long[] count = new long[channels];
        NudgedRange[] n = new NudgedRange[channels];
        for (int c = 0; c < channels; c++) {
            n[c] = Nudge.nudge(min[c], max[c], grid.quantMin(), grid.quantMax());
        }
        float[] ys = perChannel
                ? FakeQuant.forwardPerChannel(x, Nd4jFakeQuantTest.intShape(shape), 1, min, max, grid.numBits(), grid.narrowRange())
                : FakeQuant.forward(x, min[0], max[0], grid.numBits(), grid.narrowRange());
        for (int i = 0; i < x.length; i++) {
            int c = perChannel ? Nd4jFakeQuantTest.channelOf(i, shape) : 0;
            count[c]++;
            float y = ys[i];
            if (x[i] < n[c].min()) {
                below[c] += g[i];
            } else if (x[i] > n[c].max()) {
                above[c] += g[i];
            } else {
                inRange[c] += (double) g[i] * (((double) y - x[i]) / n[c].scale());
            }
        }
        float[][] out = new float[2][channels];
        double steps = grid.steps();
        for (int c = 0; c < channels; c++) {
            double s = n[c].scale();
            double zp = n[c].zeroPoint();
            double scaleG = (float) (1 / Math.sqrt((double) count[c] * grid.quantMax()));
            double ds = (inRange[c] + below[c] * (grid.quantMin() - zp) + above[c] * (grid.quantMax() - zp)) * scaleG;
            double dzp = -(below[c] + above[c]) * s * scaleG;
            double w = (double) max[c] - min[c];
            out[0][c] = (float) (-ds / steps - dzp * steps * max[c] / (w * w));
            out[1][c] = (float) (ds / steps + dzp * steps * min[c] / (w * w));
        }
        return out;
    }
}
