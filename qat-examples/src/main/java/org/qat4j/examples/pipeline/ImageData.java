package org.qat4j.examples.pipeline;

import java.util.Objects;
import org.qat4j.datasets.ImageShape;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;
import org.qat4j.datasets.dl4j.ImageLayout;

/**
 * A data set ready for training: train and test images and the pixel scaling every consumer
 * (DL4J training, the int8 engine) applies, so that all of them see the same floats.
 *
 * @param choice which data set
 * @param train training images
 * @param test test images
 * @param scaling raw pixel values to floats ({@code [0, 1]})
 */
public record ImageData(DataChoice choice, LabeledImages train, LabeledImages test, PixelScaling scaling) {

    /** Checks that nothing is missing and both sets have the same shape. */
    public ImageData {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(scaling, "scaling");
        if (!train.shape().equals(test.shape())) {
            throw new IllegalArgumentException("train images are " + train.shape() + ", test images " + test.shape()
                    + "; both sets must have one shape");
        }
    }

    /** @return the shape of one image, {@code C x H x W} */
    public ImageShape shape() {
        return train.shape();
    }

    /** @return number of classes */
    public int numClasses() {
        return train.numClasses();
    }

    /**
     * @param trainLimit keep at most this many training images (0: all)
     * @param testLimit keep at most this many test images (0: all)
     * @return this data with stratified subsets
     */
    public ImageData limited(int trainLimit, int testLimit) {
        return new ImageData(choice, DataChoice.limit(train, trainLimit), DataChoice.limit(test, testLimit), scaling);
    }

    /**
     * @param batch images per batch
     * @param seed shuffle seed
     * @return training batches in NCHW, a new seeded order each epoch
     */
    public ImageDataSetIterator trainBatches(int batch, long seed) {
        return ImageDataSetIterator.shuffled(train, batch, scaling, ImageLayout.NCHW, seed);
    }

    /**
     * @param batch images per batch
     * @return test batches in NCHW, in data-set order
     */
    public ImageDataSetIterator testBatches(int batch) {
        return ImageDataSetIterator.ordered(test, batch, scaling, ImageLayout.NCHW);
    }
}
