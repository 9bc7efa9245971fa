package org.qat4j.examples.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.qat4j.datasets.DataOptions;
import org.qat4j.datasets.DatasetException;
import org.qat4j.datasets.Digits;
import org.qat4j.datasets.FashionMnist;
import org.qat4j.datasets.ImageShape;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.Mnist;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.TrainTest;

/**
 * The data sets the command and the examples train on, by the name users type
 * ({@code --data digits|fashion-mnist|mnist}).
 */
public enum DataChoice {
    /** The embedded UCI digits, 1x8x8, split 80/20 with a fixed seed; always offline. */
    DIGITS("digits"),
    /** Fashion-MNIST, 1x28x28, its own 60,000/10,000 split. */
    FASHION_MNIST("fashion-mnist"),
    /** MNIST, 1x28x28, its own 60,000/10,000 split. */
    MNIST("mnist");

    /** The seed of the digits' stratified split: the same split in every command and example. */
    public static final long DIGITS_SPLIT_SEED = 42;
    /** The fraction of the digits held out for testing. */
    public static final double DIGITS_TEST_FRACTION = 0.2;

    private final String cliName;

    DataChoice(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name on the command line */
    public String cliName() {
        return cliName;
    }

    /** @return every command-line name, comma separated, for messages */
    public static String names() {
        return Arrays.stream(values()).map(DataChoice::cliName).collect(Collectors.joining(", "));
    }

    /**
     * @param name a command-line name, case-insensitive
     * @return the data set
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static DataChoice parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DataChoice d : values()) {
            if (d.cliName.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "'; choose one of " + names());
    }

    /**
     * Loads the data set with the default lookup options (see {@link DataOptions#defaults()}).
     *
     * @return train and test images with their pixel scaling
     * @throws DatasetException if the data is missing (the message says how to get it) or bad
     */
    public ImageData load() throws DatasetException {
        return load(DataOptions.defaults());
    }

    /**
     * @param options where to look for downloadable data sets
     * @return train and test images with their pixel scaling
     * @throws DatasetException if the data is missing (the message says how to get it) or bad
     */
    public ImageData load(DataOptions options) throws DatasetException {
        return switch (this) {
            case DIGITS -> {
                TrainTest split = Digits.load().split(DIGITS_TEST_FRACTION, DIGITS_SPLIT_SEED);
                yield new ImageData(this, split.train(), split.test(), PixelScaling.unitRange(Digits.MAX_PIXEL_VALUE));
            }
            case FASHION_MNIST -> of(FashionMnist.load(options));
            case MNIST -> of(Mnist.load(options));
        };
    }

    private ImageData of(TrainTest t) {
        return new ImageData(this, t.train(), t.test(), PixelScaling.unitRange(t.train().maxPixelValue()));
    }

    /** @return the shape of one image of this data set */
    public ImageShape imageShape() {
        return this == DIGITS ? new ImageShape(1, 8, 8) : new ImageShape(1, 28, 28);
    }

    /** @return the class names of this data set */
    public List<String> classNames() {
        return switch (this) {
            case DIGITS -> Digits.CLASS_NAMES;
            case FASHION_MNIST -> FashionMnist.CLASS_NAMES;
            case MNIST -> Mnist.CLASS_NAMES;
        };
    }

    @Override
    public String toString() {
        return cliName;
    }

    /**
     * Keeps the first {@code limit} images of a set in a stratified way (every class keeps its
     * share), for quick runs and tests.
     *
     * @param images the set
     * @param limit the most images to keep, or 0 for all
     * @return the set itself or a subset
     */
    public static LabeledImages limit(LabeledImages images, int limit) {
        if (limit <= 0 || limit >= images.size()) {
            return images;
        }
        double fraction = 1.0 - (double) limit / images.size();
        return images.split(fraction, DIGITS_SPLIT_SEED).train();
    }
}
