package org.qat4j.datasets;

import java.util.Objects;

/**
 * A training set and a test set with the same shape and classes.
 *
 * @param train the training images
 * @param test  the test images
 */
public record TrainTest(LabeledImages train, LabeledImages test) {

    /**
     * Checks both are present and agree on shape and classes.
     *
     * @param train the training images
     * @param test the test images
     */
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.shape().equals(test.shape()) || !train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train " + train + " and test " + test
                    + " differ in image shape or classes");
        }
    }
}
