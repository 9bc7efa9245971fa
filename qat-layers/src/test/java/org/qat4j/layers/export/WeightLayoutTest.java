package org.qat4j.layers.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightLayoutTest {

    @Test
    void convolutionWeightsMoveFromOihwToOhwi() {
        SplittableRandom r = new SplittableRandom(3);
        int outC = 3, inC = 4, kH = 2, kW = 5;
        int[] v = random(r, outC * inC * kH * kW);
        byte[] ohwi = WeightLayout.convolutionToOhwi(v, outC, inC, kH, kW);
        INDArray dl4j = Nd4j.createFromArray(v).reshape(outC, inC, kH, kW);
        int[] expected = dl4j.permute(0, 2, 3, 1).dup('c').data().asInt();
        for (int i = 0; i < ohwi.length; i++) {
            assertEquals(expected[i], ohwi[i], "index " + i);
        }
    }

    @Test
    void denseWeightsTransposeAndFollowTheFeatureOrder() {
        SplittableRandom r = new SplittableRandom(4);
        int nIn = 12, nOut = 5;
        int[] v = random(r, nIn * nOut);
        byte[] plain = WeightLayout.denseToOutIn(v, nIn, nOut, null);
        int[] order = WeightLayout.chwIndexOfHwc(3, 2, 2);
        byte[] permuted = WeightLayout.denseToOutIn(v, nIn, nOut, order);
        for (int o = 0; o < nOut; o++) {
            for (int j = 0; j < nIn; j++) {
                assertEquals(v[j * nOut + o], plain[o * nIn + j]);
                assertEquals(v[order[j] * nOut + o], permuted[o * nIn + j]);
            }
        }
    }

    @Test
    void theFlattenPermutationMatchesAnNchwToNhwcTranspose() {
        int c = 3, h = 4, w = 5;
        float[] chw = new float[c * h * w];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = i;
        }
        float[] hwc = Nd4j.createFromArray(chw).reshape(1, c, h, w).permute(0, 2, 3, 1).dup('c').data().asFloat();
        int[] order = WeightLayout.chwIndexOfHwc(c, h, w);
        for (int j = 0; j < order.length; j++) {
            assertEquals(hwc[j], order[j], "NHWC position " + j + " holds NCHW value " + order[j]);
        }
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int j = 0; j < sorted.length; j++) {
            assertEquals(j, sorted[j], "a permutation");
        }
    }

    @Test
    void badLengthsAndValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WeightLayout.convolutionToOhwi(new int[5], 1, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> WeightLayout.denseToOutIn(new int[6], 2, 3, new int[3]));
        assertThrows(IllegalArgumentException.class, () -> WeightLayout.denseToOutIn(new int[] {128}, 1, 1, null));
    }

    private static int[] random(SplittableRandom r, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(-127, 128);
        }
        return v;
    }
}
