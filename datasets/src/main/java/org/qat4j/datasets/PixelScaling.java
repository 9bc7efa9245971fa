package org.qat4j.datasets;

import java.util.Arrays;

/**
 * How raw pixel values (unsigned bytes) become floats: unchanged, scaled to {@code [0,1]}, or
 * standardized per channel.
 *
 * <p>Arithmetic, exactly: every float is computed in double and rounded once to float by the
 * cast (round half to even):
 * <ul>
 *   <li>{@link #raw()}: {@code (float) v};</li>
 *   <li>{@link #unitRange(int) unitRange(max)}: {@code (float) (v / (double) max)}, so 0 maps to
 *       0 and {@code max} to exactly 1;</li>
 *   <li>{@link #standardize(double[], double[]) standardize(mean, std)}:
 *       {@code (float) ((v - mean[c]) / std[c])} for a pixel of channel {@code c}.</li>
 * </ul>
 * As raw values are 0..255, every mapping is a 256-entry table per channel, built once; the
 * plain arrays and the DL4J iterators share it, so both produce identical floats.
 *
 * <p>Standardization statistics come from the training set only
 * ({@link #standardizeFrom(LabeledImages)}) and are then applied unchanged to the test set.
 */
public final class PixelScaling {

    /** Raw values an unsigned byte can take. */
    private static final int VALUES = 256;

    private final String description;
    /** {@code [channel][raw value]}; a single row when the mapping is the same for every channel. */
    private final float[][] table;
    /** The channel count this scaling is for, or 0 for any. */
    private final int channels;

    private PixelScaling(String description, float[][] table, int channels) {
        this.description = description;
        this.table = table;
        this.channels = channels;
    }

    /**
     * Raw values as floats, unchanged (0..255 or 0..16).
     *
     * @return the identity scaling, for any number of channels
     */
    public static PixelScaling raw() {
        float[] row = new float[VALUES];
        for (int v = 0; v < VALUES; v++) {
            row[v] = v;
        }
        return new PixelScaling("raw", new float[][] {row}, 0);
    }

    /**
     * Scales {@code 0..maxValue} to {@code [0,1]}: {@code v / maxValue}.
     *
     * @param maxValue the raw value that maps to 1 (255 for MNIST-like data and CIFAR-10, 16 for
     *                 the UCI digits), in 1..255
     * @return the scaling, for any number of channels
     */
    public static PixelScaling unitRange(int maxValue) {
        if (maxValue < 1 || maxValue > 255) {
            throw new IllegalArgumentException("maxValue " + maxValue + " is outside 1..255; use 255 for"
                    + " 8-bit images or the data set's maxPixelValue()");
        }
        float[] row = new float[VALUES];
        for (int v = 0; v < VALUES; v++) {
            row[v] = (float) (v / (double) maxValue);
        }
        return new PixelScaling("unitRange(" + maxValue + ")", new float[][] {row}, 0);
    }

    /**
     * Scales a data set's raw range to {@code [0,1]}.
     *
     * @param data the data set whose {@link LabeledImages#maxPixelValue()} maps to 1
     * @return {@code unitRange(data.maxPixelValue())}
     */
    public static PixelScaling unitRange(LabeledImages data) {
        return unitRange(data.maxPixelValue());
    }

    /**
     * Standardizes each channel with given statistics: {@code (v - mean[c]) / std[c]}.
     *
     * @param mean per-channel means of the raw values
     * @param std  per-channel standard deviations of the raw values, each finite and positive
     * @return the scaling, for images with exactly {@code mean.length} channels
     */
    public static PixelScaling standardize(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " channels and std "
                    + std.length + "; give one mean and one std per channel");
        }
        float[][] table = new float[mean.length][VALUES];
        for (int c = 0; c < mean.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + " has mean " + mean[c] + " and std "
                        + std[c] + "; std must be finite and above 0 (a constant channel cannot be"
                        + " standardized: use unitRange)");
            }
            for (int v = 0; v < VALUES; v++) {
                table[c][v] = (float) ((v - mean[c]) / std[c]);
            }
        }
        return new PixelScaling("standardize(mean=" + Arrays.toString(mean) + ", std="
                + Arrays.toString(std) + ")", table, mean.length);
    }

    /**
     * Standardizes with per-channel statistics of a training set: the mean and the population
     * standard deviation (divided by N, not N-1) of all raw values of each channel over every
     * image. Apply the result to the test set too; never compute it on the test set.
     *
     * @param train the training set
     * @return the scaling, for images with {@code train.shape().channels()} channels
     */
    public static PixelScaling standardizeFrom(LabeledImages train) {
        ImageShape shape = train.shape();
        long[][] histogram = new long[shape.channels()][VALUES];
        int perChannel = shape.pixelsPerChannel();
        for (int i = 0; i < train.size(); i++) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int k = 0; k < perChannel; k++) {
                    histogram[c][train.pixel(i, c * perChannel + k)]++;
                }
            }
        }
        double[] mean = new double[shape.channels()];
        double[] std = new double[shape.channels()];
        for (int c = 0; c < shape.channels(); c++) {
            // From the histogram: counts and sums are exact, only the final divisions round.
            long n = 0;
            double sum = 0;
            for (int v = 0; v < VALUES; v++) {
                n += histogram[c][v];
                sum += (double) v * histogram[c][v];
            }
            mean[c] = sum / n;
            double squares = 0;
            for (int v = 0; v < VALUES; v++) {
                double d = v - mean[c];
                squares += d * d * histogram[c][v];
            }
            std[c] = Math.sqrt(squares / n);
        }
        return standardize(mean, std);
    }

    /**
     * The float for one raw value.
     *
     * @param channel the channel the pixel belongs to
     * @param raw     the raw value, 0..255
     * @return the scaled value
     */
    public float apply(int channel, int raw) {
        return table[channels == 0 ? 0 : channel][raw];
    }

    /**
     * The number of channels this scaling is for.
     *
     * @return the channel count of a standardization, or 0 when it suits any image
     */
    public int channels() {
        return channels;
    }

    /**
     * Checks that this scaling suits images with the given number of channels.
     *
     * @param imageChannels the channels of the images it will be applied to
     * @throws IllegalArgumentException if it is a standardization for another channel count
     */
    public void requireChannels(int imageChannels) {
        if (channels != 0 && channels != imageChannels) {
            throw new IllegalArgumentException("scaling " + description + " is for " + channels
                    + " channels but the images have " + imageChannels
                    + "; compute it with standardizeFrom(train) on the same data set");
        }
    }

    /** Returns a description with the parameters, for logs. */
    @Override
    public String toString() {
        return description;
    }
}
