package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The embedded UCI digits: count, labels, values, and the seeded stratified split. */
class DigitsTest {

    @Test
    void holdsTheScikitLearnDigits() throws Exception {
        LabeledImages digits = Digits.load();
        assertEquals(1797, digits.size());
        assertEquals(new ImageShape(1, 8, 8), digits.shape());
        assertEquals(10, digits.numClasses());
        assertEquals(16, digits.maxPixelValue());
        // Per-class counts of scikit-learn's load_digits().
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, digits.classCounts());
    }

    @Test
    void valuesMatchTheCsv() throws Exception {
        LabeledImages digits = Digits.load();
        // First row of digits.csv: a zero.
        int[] first = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0,
            0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0,
            0, 0};
        for (int k = 0; k < 64; k++) {
            assertEquals(first[k], digits.pixel(0, k), "pixel " + k);
        }
        assertEquals(0, digits.label(0));
        assertEquals(1, digits.label(1));
        assertEquals(8, digits.label(1796));
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (byte b : digits.pixelBytes()) {
            sum += b & 0xFF;
            min = Math.min(min, b & 0xFF);
            max = Math.max(max, b & 0xFF);
        }
        assertEquals(0, min);
        assertEquals(16, max);
        assertEquals(561_718, sum, "sum of all pixel values of digits.csv");
    }

    @Test
    void splitIsStratifiedAndReproducible() throws Exception {
        LabeledImages digits = Digits.load();
        TrainTest a = digits.split(0.2, 42);
        TrainTest b = Digits.load().split(0.2, 42);
        assertArrayEquals(a.train().pixelBytes(), b.train().pixelBytes());
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertArrayEquals(a.test().pixelBytes(), b.test().pixelBytes());

        int[] all = digits.classCounts();
        int[] test = a.test().classCounts();
        int[] train = a.train().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(0.2 * all[c]), test[c], "class " + c);
            assertEquals(all[c], test[c] + train[c], "class " + c);
        }
        assertEquals(1797, a.train().size() + a.test().size());
        // Per class round(0.2 * n_c): 36+36+35+37+36+36+36+36+35+36.
        assertEquals(359, a.test().size());

        TrainTest other = digits.split(0.2, 43);
        assertFalse(Arrays.equals(a.test().pixelBytes(), other.test().pixelBytes()), "another seed, another split");
        assertArrayEquals(test, other.test().classCounts(), "same stratification for every seed");
    }

    @Test
    void splitMembersAreDisjointAndCoverEveryImage() throws Exception {
        LabeledImages digits = Digits.load();
        TrainTest split = digits.split(0.25, 7);
        // Pixel rows are a multiset: every image of the whole must appear exactly once across the parts.
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < digits.size(); i++) {
            counts.merge(row(digits, i), 1, Integer::sum);
        }
        for (LabeledImages part : new LabeledImages[] {split.train(), split.test()}) {
            for (int i = 0; i < part.size(); i++) {
                counts.merge(row(part, i), -1, Integer::sum);
            }
        }
        counts.values().forEach(v -> assertEquals(0, v));
        assertNotEquals(0, split.test().size());
    }

    private static String row(LabeledImages images, int i) {
        StringBuilder s = new StringBuilder().append(images.label(i)).append(':');
        for (int k = 0; k < images.shape().pixelsPerImage(); k++) {
            s.append(images.pixel(i, k)).append(',');
        }
        return s.toString();
    }
}
