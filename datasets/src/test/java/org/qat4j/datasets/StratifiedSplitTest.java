package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The split rule on synthetic data whose pixels encode each image's index. */
class StratifiedSplitTest {

    /** Images of 1x1x2 pixels holding the index (high byte, low byte); labels from a seed. */
    static LabeledImages indexed(int n, int classes, long seed) {
        byte[] pixels = new byte[2 * n];
        int[] labels = new int[n];
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        for (int i = 0; i < n; i++) {
            pixels[2 * i] = (byte) (i >> 8);
            pixels[2 * i + 1] = (byte) i;
            labels[i] = random.nextInt(classes);
        }
        return LabeledImages.of("indexed", new ImageShape(1, 1, 2), pixels, labels, names, 255);
    }

    static int indexOf(LabeledImages images, int i) {
        return images.pixel(i, 0) << 8 | images.pixel(i, 1);
    }

    @Test
    void manyRandomSplitsFollowTheRule() {
        Random random = new Random(2024);
        for (int trial = 0; trial < 200; trial++) {
            int n = 20 + random.nextInt(2000);
            int classes = 1 + random.nextInt(12);
            double fraction = 0.05 + 0.9 * random.nextDouble();
            LabeledImages data = indexed(n, classes, random.nextLong());
            TrainTest split;
            try {
                split = data.split(fraction, random.nextLong());
            } catch (IllegalArgumentException e) {
                continue; // a tiny class made one side empty: covered by rejectsEmptySides
            }
            int[] all = data.classCounts();
            int[] test = split.test().classCounts();
            for (int c = 0; c < classes; c++) {
                assertEquals(Math.round(fraction * all[c]), test[c], "trial " + trial + " class " + c);
            }
            boolean[] seen = new boolean[n];
            for (LabeledImages part : new LabeledImages[] {split.train(), split.test()}) {
                int previous = -1;
                for (int i = 0; i < part.size(); i++) {
                    int index = indexOf(part, i);
                    assertTrue(index > previous, "parts keep data-set order");
                    previous = index;
                    assertTrue(!seen[index], "image " + index + " in both parts");
                    seen[index] = true;
                    assertEquals(data.label(index), part.label(i), "label travels with its image");
                }
            }
            for (int i = 0; i < n; i++) {
                assertTrue(seen[i], "image " + i + " lost");
            }
        }
    }

    @Test
    void sameSeedSameSplitAndTiesRoundHalfUp() {
        LabeledImages data = indexed(500, 5, 1);
        int[] a = indices(data.split(0.3, 99).test());
        int[] b = indices(data.split(0.3, 99).test());
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, indices(data.split(0.3, 100).test())));

        // 5 images of one class, fraction 0.5: 2.5 rounds half up to 3 test images.
        LabeledImages five = LabeledImages.of("five", new ImageShape(1, 1, 1), new byte[5], new int[5],
                List.of("only"), 255);
        assertEquals(3, five.split(0.5, 0).test().size());
    }

    @Test
    void rejectsBadFractionsAndEmptySides() {
        LabeledImages data = indexed(100, 3, 1);
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.split(bad, 0));
            assertTrue(e.getMessage().contains("testFraction"), e.getMessage());
        }
        LabeledImages one = LabeledImages.of("one", new ImageShape(1, 1, 1), new byte[1], new int[1],
                List.of("only"), 255);
        assertThrows(IllegalArgumentException.class, () -> one.split(0.2, 0));
    }

    private static int[] indices(LabeledImages part) {
        int[] out = new int[part.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(part, i);
        }
        return out;
    }
}
