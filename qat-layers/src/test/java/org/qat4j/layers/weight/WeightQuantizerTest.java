package org.qat4j.layers.weight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qat4j.core.quant.FakeQuant;
import org.qat4j.core.quant.QuantScheme;
import org.qat4j.core.quant.Quantizer;
import org.qat4j.core.quant.Rounding;

class WeightQuantizerTest {

    @Test
    void symmetricPerChannelMatchesTheScalarDefinitionForDenseAndConv() {
        Random rnd = new Random(41);
        for (int t = 0; t < 40; t++) {
            int bits = t < 20 ? 8 : 2 + rnd.nextInt(7);
            WeightQuantSpec spec = WeightQuantSpec.perChannelSymmetric(bits);
            boolean conv = t % 2 == 1;
            long[] shape = conv ? new long[] {5, 3, 3, 3} : new long[] {7, 6};
            int axis = conv ? 0 : 1;
            INDArray w = weights(rnd, shape, conv ? 'c' : 'f');
            float[] c = w.dup('c').data().asFloat();
            int channels = (int) shape[axis];
            float[] absMax = new float[channels];
            for (int i = 0; i < c.length; i++) {
                int ch = QuantizedWeights.channelOf(shape, axis, i);
                absMax[ch] = Math.max(absMax[ch], Math.abs(c[i]));
            }
            float qMax = (1 << (bits - 1)) - 1;
            float[] got = WeightQuantizer.fakeQuantize(w, spec, axis).dup('c').data().asFloat();
            QuantizedWeights q = WeightQuantizer.quantize(w, spec, axis);
            for (int i = 0; i < c.length; i++) {
                int ch = QuantizedWeights.channelOf(shape, axis, i);
                float scale = absMax[ch] / qMax;
                float k = Math.max(-qMax, Math.min(qMax, roundHalfAwayFromZero(c[i] / scale))) + 0f;
                assertBits(k * scale, got[i], "trial " + t + " w=" + c[i]);
                assertEquals((int) k, q.values()[i]);
            }
            assertArrayEquals(got, q.dequantize(), "exported integers reproduce the training weights");
            assertArrayEquals(new int[channels], q.zeroPoints());
            int[] intShape = intShape(shape);
            assertEquals(new QuantScheme(bits, true, true, true, axis), q.scheme());
            assertArrayEquals(Quantizer.quantizePerChannel(c, intShape, q.channelParams(), q.scheme(),
                    Rounding.HALF_AWAY_FROM_ZERO), q.values(), "qat-core's quantize gives the same integers");
            assertArrayEquals(Quantizer.dequantizePerChannel(q.values(), intShape, q.channelParams()), got,
                    "qat-core's dequantize gives the training weights");
        }
    }

    @Test
    void tiesRoundAwayFromZeroAndZeroChannelsGetScaleOne() {
        // Channel 0: max |w| = 127 * 0.25, so scale = 0.25 exactly and w / scale = k + 0.5 is a tie.
        float[][] w = {{127 * 0.25f, 0f}, {0.125f, 0f}, {-0.125f, 0f}, {0.375f, 0f}, {-0.375f, 0f}};
        INDArray dense = Nd4j.createFromArray(w);
        QuantizedWeights q = WeightQuantizer.quantize(dense, WeightQuantSpec.int8PerChannelSymmetric(), 1);
        assertArrayEquals(new float[] {0.25f, 1f}, q.scales());
        assertArrayEquals(new int[] {127, 0, 1, 0, -1, 0, 2, 0, -2, 0}, q.values());
        assertArrayEquals(new float[5], WeightQuantizer.fakeQuantize(dense.getColumn(1).reshape(5, 1),
                WeightQuantSpec.int8PerChannelSymmetric(), 1).dup('c').data().asFloat());
    }

    @Test
    void symmetricPerTensorUsesOneScale() {
        INDArray w = weights(new Random(42), new long[] {4, 9}, 'f');
        QuantizedWeights q = WeightQuantizer.quantize(w, WeightQuantSpec.perTensorSymmetric(8), 1);
        assertEquals(1, q.scales().length);
        assertEquals(w.amaxNumber().floatValue() / 127f, q.scales()[0], 0f);
        float[] fake = WeightQuantizer.fakeQuantize(w, WeightQuantSpec.perTensorSymmetric(8), 1).dup('c').data().asFloat();
        assertArrayEquals(fake, q.dequantize());
        assertArrayEquals(Quantizer.quantize(w.dup('c').data().asFloat(), q.tensorParams(), q.scheme(),
                Rounding.HALF_AWAY_FROM_ZERO), q.values());
    }

    @Test
    void asymmetricFollowsTfFakeQuantShiftedToSignedIntegers() {
        Random rnd = new Random(43);
        for (int t = 0; t < 20; t++) {
            int bits = 2 + rnd.nextInt(7);
            boolean narrow = rnd.nextBoolean();
            WeightQuantSpec spec = new WeightQuantSpec(bits, false, true, narrow);
            long[] shape = {6, 4, 2, 2};
            INDArray w = weights(rnd, shape, 'c').addi(t % 3 == 0 ? 0.3 : 0);
            float[] lo = new float[6];
            float[] hi = new float[6];
            for (int ch = 0; ch < 6; ch++) {
                lo[ch] = Math.min(0f, w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(ch)).minNumber().floatValue());
                hi[ch] = Math.max(0f, w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(ch)).maxNumber().floatValue());
            }
            float[] expected = FakeQuant.forwardPerChannel(w.data().asFloat(), intShape(shape), 0, lo, hi, bits, narrow);
            float[] got = WeightQuantizer.fakeQuantize(w, spec, 0).dup('c').data().asFloat();
            assertArrayEquals(expected, got);
            QuantizedWeights q = WeightQuantizer.quantize(w, spec, 0);
            assertArrayEquals(got, q.dequantize());
            for (int v : q.values()) {
                assertTrue(v >= spec.quantMin() && v <= spec.quantMax(), v + " outside the signed grid");
            }
            assertEquals(spec.quantMin(), q.scheme().quantMin());
            assertArrayEquals(Quantizer.dequantizePerChannel(q.values(), intShape(shape), q.channelParams()), got);
        }
    }

    @Test
    void rejectsUnsupportedLayersAndBadSpecs() {
        LSTM lstm = new LSTM.Builder().nIn(3).nOut(4).name("rnn1").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightQuantizer.channelAxisOf(lstm));
        assertTrue(e.getMessage().contains("'rnn1'") && e.getMessage().contains("LSTM"), e.getMessage());
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> WeightQuantSpec.perChannelSymmetric(9));
        assertTrue(bits.getMessage().contains("9") && bits.getMessage().contains("[2, 8]"), bits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightQuantSpec(8, true, true, false));
    }

    static int[] intShape(long[] shape) {
        int[] s = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            s[d] = (int) shape[d];
        }
        return s;
    }

    static INDArray weights(Random rnd, long[] shape, char order) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextGaussian() * 0.2);
        }
        return Nd4j.createFromArray(v).reshape(shape).dup(order);
    }

    static float roundHalfAwayFromZero(float v) {
        return Math.signum(v) * (float) Math.floor(Math.abs(v) + 0.5);
    }

    static void assertBits(float expected, float actual, String what) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                what + ": expected " + expected + " got " + actual);
    }
}
