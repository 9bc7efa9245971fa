package org.qat4j.datasets.dl4j;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.Shuffle;

/**
 * A DL4J {@link DataSetIterator} over {@link LabeledImages}: batches of scaled float32
 * features ({@link ImageLayout#NCHW} {@code [N,C,H,W]} or {@link ImageLayout#FLAT}
 * {@code [N,C*H*W]}) with one-hot labels {@code [N, numClasses]}.
 *
 * <p>Epochs: every epoch visits every image exactly once. Batches hold {@code batchSize}
 * images except the last of an epoch, which holds the remainder ({@code size % batchSize}
 * images, when that is not 0): no image is dropped and no batch is padded. {@link #reset()}
 * starts the next epoch, whatever the position in the current one.
 *
 * <p>Order: {@link #ordered} visits the images in data-set order every epoch;
 * {@link #shuffled} visits them in {@link Shuffle#epochOrder(int, long, long)
 * Shuffle.epochOrder(size, seed, epoch)}, a different permutation per epoch that depends only
 * on the seed and the epoch number, so two iterators with the same seed yield the same batches.
 *
 * <p>Batches are built on the calling thread ({@link #asyncSupported()} is false): copying a
 * batch of bytes through a lookup table is cheap next to a training step, and it keeps the
 * order independent of prefetching.
 */
public final class ImageDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    /** The images served. */
    private final LabeledImages images;
    /** Images per batch, except the last of an epoch. */
    private final int batchSize;
    /** How raw values become floats. */
    private final PixelScaling scaling;
    /** NCHW or flat rows. */
    private final ImageLayout layout;
    /** Whether each epoch has its own seeded order. */
    private final boolean shuffle;
    /** The shuffle seed, unused when not shuffling. */
    private final long seed;
    /** The current epoch, 0 first. */
    private long epoch;
    /** The current epoch's visiting order. */
    private int[] order;
    /** The position in {@link #order} of the next image to serve. */
    private int cursor;
    /** Applied to each batch, or null. */
    private DataSetPreProcessor preProcessor;

    private ImageDataSetIterator(LabeledImages images, int batchSize, PixelScaling scaling, ImageLayout layout,
                                 boolean shuffle, long seed) {
        this.images = Objects.requireNonNull(images, "images");
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        this.layout = Objects.requireNonNull(layout, "layout");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize + " is below 1; use for example 64");
        }
        if (images.size() == 0) {
            throw new IllegalArgumentException(images.name() + " has no images to iterate over");
        }
        scaling.requireChannels(images.shape().channels());
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        startEpoch(0);
    }

    /**
     * Batches in data-set order, the same every epoch (for evaluation).
     *
     * @param images    the data set
     * @param batchSize images per batch (the last batch of an epoch may hold fewer)
     * @param scaling   how raw values become floats
     * @param layout    NCHW or flat rows
     * @return the iterator, at the start of epoch 0
     */
    public static ImageDataSetIterator ordered(LabeledImages images, int batchSize, PixelScaling scaling,
                                               ImageLayout layout) {
        return new ImageDataSetIterator(images, batchSize, scaling, layout, false, 0L);
    }

    /**
     * Batches in a seeded random order, a new one each epoch (for training).
     *
     * @param images    the data set
     * @param batchSize images per batch (the last batch of an epoch may hold fewer)
     * @param scaling   how raw values become floats
     * @param layout    NCHW or flat rows
     * @param seed      the shuffle seed
     * @return the iterator, at the start of epoch 0
     */
    public static ImageDataSetIterator shuffled(LabeledImages images, int batchSize, PixelScaling scaling,
                                                ImageLayout layout, long seed) {
        return new ImageDataSetIterator(images, batchSize, scaling, layout, true, seed);
    }

    private void startEpoch(long newEpoch) {
        epoch = newEpoch;
        order = shuffle ? Shuffle.epochOrder(images.size(), seed, epoch) : Shuffle.identity(images.size());
        cursor = 0;
    }

    /** @return the current epoch: 0 at construction, plus one per {@link #reset()} */
    public long epoch() {
        return epoch;
    }

    /** @return the number of batches in one epoch: {@code ceil(size / batchSize)} */
    public int batchesPerEpoch() {
        return (images.size() + batchSize - 1) / batchSize;
    }

    /** @return the images this iterator serves */
    public LabeledImages images() {
        return images;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /**
     * The next {@code num} images of this epoch, or the rest of the epoch if fewer remain.
     *
     * @param num the number of images wanted, at least 1
     * @return the batch, after the pre-processor if one is set
     * @throws NoSuchElementException if the epoch is over ({@link #hasNext()} is false)
     */
    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num " + num + " is below 1");
        }
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over (" + order.length
                    + " images served); call reset() to start the next one");
        }
        int to = (int) Math.min((long) cursor + num, order.length);
        DataSet batch = ImageBatches.batch(images, order, cursor, to, scaling, layout);
        cursor = to;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** @return values per image, {@code C*H*W} */
    @Override
    public int inputColumns() {
        return images.shape().pixelsPerImage();
    }

    /** @return the number of classes, the width of the one-hot labels */
    @Override
    public int totalOutcomes() {
        return images.numClasses();
    }

    /** @return true: {@link #reset()} starts the next epoch */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /** @return false: batches are built on the calling thread (see the class comment) */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch: a new order if shuffled, the position back at the first batch. */
    @Override
    public void reset() {
        startEpoch(epoch + 1);
    }

    /** @return the batch size given at construction */
    @Override
    public int batch() {
        return batchSize;
    }

    /** @param preProcessor applied to every batch after it is built, or null for none */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    /** @return the pre-processor, or null */
    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** @return the class names, indexed by label */
    @Override
    public List<String> getLabels() {
        return images.classNames();
    }
}
