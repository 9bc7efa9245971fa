package org.qat4j.datasets.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.qat4j.datasets.ImageShape;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.Shuffle;

/**
 * Builds ND4J {@link DataSet}s from {@link LabeledImages}: float32 features, scaled by a
 * {@link PixelScaling}, shaped by an {@link ImageLayout}, with one-hot float32 labels
 * {@code [N, numClasses]}.
 */
public final class ImageBatches {

    private ImageBatches() {
    }

    /**
     * One batch: the images at {@code order[from..to)}, in that order.
     *
     * @param images  the data set
     * @param order   image indices
     * @param from    first position in {@code order}, inclusive
     * @param to      last position in {@code order}, exclusive; {@code to > from}
     * @param scaling how raw values become floats
     * @param layout  NCHW or flat rows
     * @return features and one-hot labels
     */
    public static DataSet batch(LabeledImages images, int[] order, int from, int to, PixelScaling scaling,
                                ImageLayout layout) {
        if (from < 0 || to > order.length || to <= from) {
            throw new IllegalArgumentException("batch range [" + from + ", " + to + ") is empty or outside [0, "
                    + order.length + "]");
        }
        scaling.requireChannels(images.shape().channels());
        ImageShape shape = images.shape();
        int n = to - from;
        int per = shape.pixelsPerImage();
        int classes = images.numClasses();
        float[] features = new float[Math.multiplyExact(n, per)];
        float[] labels = new float[n * classes];
        for (int k = 0; k < n; k++) {
            int image = order[from + k];
            images.copyScaled(image, scaling, features, k * per);
            labels[k * classes + images.label(image)] = 1f;
        }
        long[] featureShape = layout == ImageLayout.NCHW
                ? new long[] {n, shape.channels(), shape.height(), shape.width()}
                : new long[] {n, per};
        INDArray x = Nd4j.create(features, featureShape, 'c');
        INDArray y = Nd4j.create(labels, new long[] {n, classes}, 'c');
        return new DataSet(x, y);
    }

    /**
     * The whole data set as one {@link DataSet}, in data-set order.
     *
     * @param images  the data set, at least one image
     * @param scaling how raw values become floats
     * @param layout  NCHW or flat rows
     * @return features and one-hot labels of every image
     */
    public static DataSet all(LabeledImages images, PixelScaling scaling, ImageLayout layout) {
        int[] order = Shuffle.identity(images.size());
        return batch(images, order, 0, order.length, scaling, layout);
    }
}
