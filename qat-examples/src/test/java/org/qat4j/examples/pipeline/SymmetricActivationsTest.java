package org.qat4j.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qat4j.core.quant.Nudge;
import org.qat4j.core.quant.NudgedRange;
import org.qat4j.layers.fakequant.QuantGrid;

/** The symmetric projection lands every range on TF's grid with the zero point in the middle. */
class SymmetricActivationsTest {

    @Test
    void nudgedZeroPointIsTheGridMiddleForRandomRanges() {
        Random r = new Random(1234);
        for (int bits = 2; bits <= 8; bits++) {
            for (boolean narrow : new boolean[] {false, true}) {
                QuantGrid grid = new QuantGrid(bits, narrow);
                int half = 1 << (bits - 1);
                for (int trial = 0; trial < 2000; trial++) {
                    double magnitude = Math.pow(10, r.nextDouble() * 6 - 3);
                    float[] min = {(float) (-magnitude * r.nextDouble())};
                    float[] max = {(float) (magnitude * r.nextDouble())};
                    if (trial % 3 == 0) {
                        min[0] = 0f; // after ReLU
                    }
                    float before = Math.max(-min[0], max[0]);
                    SymmetricActivations.symmetrize(min, max, grid);
                    NudgedRange n = Nudge.nudge(min[0], max[0], grid.quantMin(), grid.quantMax());
                    assertEquals(half, n.zeroPoint(), "bits " + bits + " narrow " + narrow + " range [" + min[0] + ", "
                            + max[0] + "]");
                    assertTrue(max[0] >= before * (1 - 1e-6) && -min[0] >= before * (1 - 1e-6),
                            "both sides hold the largest magnitude " + before + ": [" + min[0] + ", " + max[0] + "]");
                    assertTrue(min[0] < 0 && max[0] > 0);
                }
            }
        }
    }

    @Test
    void eightBitRangeIsMinus128To127Steps() {
        float[] min = {0f};
        float[] max = {12.7f};
        SymmetricActivations.symmetrize(min, max, new QuantGrid(8, false));
        assertEquals(-12.8f, min[0], 1e-5f);
        assertEquals(12.7f, max[0], 1e-5f);
    }
}
