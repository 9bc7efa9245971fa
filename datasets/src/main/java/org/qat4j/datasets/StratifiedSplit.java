package org.qat4j.datasets;

import java.util.Arrays;
import java.util.Random;

/**
 * A deterministic stratified train/test split: every class is split in the same proportion.
 *
 * <p>The rule, exactly: one {@code java.util.Random(seed)} is created; for each class
 * {@code c = 0, 1, ...} in turn, the indices of its images (in data-set order) are shuffled
 * with it ({@link Shuffle#shuffle}), and the first {@code Math.round(testFraction * n_c)}
 * (rounding half up) go to the test set, the rest to the training set. Both sets are then
 * sorted back into data-set order. A class of {@code n_c} images thus contributes
 * {@code round(testFraction * n_c)} test images, so the test share of every class is within
 * {@code 0.5 / n_c} of {@code testFraction}.
 */
final class StratifiedSplit {

    private StratifiedSplit() {
    }

    /**
     * Splits a data set.
     *
     * @param data         the images
     * @param testFraction fraction of each class for the test set, strictly between 0 and 1
     * @param seed         the shuffle seed
     * @return the two sets, each in data-set order
     */
    static TrainTest split(LabeledImages data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction " + testFraction
                    + " is outside (0, 1); use for example 0.2 for a 80/20 split");
        }
        int[] counts = data.classCounts();
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            byClass[c][filled[c]++] = i;
        }
        Random random = new Random(seed);
        int[] test = new int[data.size()];
        int[] train = new int[data.size()];
        int nTest = 0;
        int nTrain = 0;
        for (int[] members : byClass) {
            Shuffle.shuffle(members, random);
            int classTest = (int) Math.round(testFraction * members.length); // half up
            for (int k = 0; k < members.length; k++) {
                if (k < classTest) {
                    test[nTest++] = members[k];
                } else {
                    train[nTrain++] = members[k];
                }
            }
        }
        if (nTest == 0 || nTrain == 0) {
            throw new IllegalArgumentException(data.name() + ": testFraction " + testFraction + " leaves "
                    + nTrain + " training and " + nTest + " test images out of " + data.size()
                    + "; choose a fraction that leaves both sets non-empty");
        }
        int[] trainIdx = Arrays.copyOf(train, nTrain);
        int[] testIdx = Arrays.copyOf(test, nTest);
        Arrays.sort(trainIdx);
        Arrays.sort(testIdx);
        String how = " (testFraction " + testFraction + ", seed " + seed + ")";
        return new TrainTest(data.subset(trainIdx, data.name() + " train" + how),
                data.subset(testIdx, data.name() + " test" + how));
    }
}
