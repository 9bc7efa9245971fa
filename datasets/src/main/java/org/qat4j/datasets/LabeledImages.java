package org.qat4j.datasets;

import java.util.List;
import java.util.Objects;

/**
 * An immutable set of labelled images, held as raw unsigned bytes; the plain-array form of
 * every data set in this module.
 *
 * <p>Layout: image {@code i} occupies {@code pixels[i*P .. (i+1)*P)} with
 * {@code P = shape().pixelsPerImage()}, channel-major within the image (C, then H, then W:
 * the NCHW order DL4J's convolution layers expect). Raw values are integers in
 * {@code 0..maxPixelValue()} (16 for the UCI digits, 255 for MNIST, Fashion-MNIST and
 * CIFAR-10); {@link PixelScaling} turns them into floats. Labels are class indices in
 * {@code 0..numClasses()-1}.
 *
 * <p>Raw bytes take a quarter of the memory of floats (Fashion-MNIST's training set: 47 MB
 * instead of 188 MB), so floats are made on demand: per image
 * ({@link #copyScaled}), per set ({@link #toFloatRows}, {@link #toFloatImages}).
 *
 * <p>This class and everything it uses belong to the part of the module that needs no ND4J.
 */
public final class LabeledImages {

    private final String name;
    private final ImageShape shape;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final int maxPixelValue;

    private LabeledImages(String name, ImageShape shape, byte[] pixels, int[] labels,
                          List<String> classNames, int maxPixelValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.classNames = List.copyOf(classNames);
        this.maxPixelValue = maxPixelValue;
        validate();
    }

    /**
     * Labelled images from caller-owned arrays, which are copied.
     *
     * @param name          a human-readable name, used in messages
     * @param shape         the shape of one image
     * @param pixels        raw unsigned bytes, {@code labels.length * shape.pixelsPerImage()}
     *                      of them, in the layout of the class comment
     * @param labels        class index per image, each in {@code 0..classNames.size()-1}
     * @param classNames    one name per class, at least one class
     * @param maxPixelValue the largest raw value a pixel may take (1..255); every pixel is checked
     * @return the images
     * @throws IllegalArgumentException if a length, label or pixel is out of range
     */
    public static LabeledImages of(String name, ImageShape shape, byte[] pixels, int[] labels,
                                   List<String> classNames, int maxPixelValue) {
        return new LabeledImages(name, shape, pixels.clone(), labels.clone(), classNames, maxPixelValue);
    }

    /** Like {@link #of} but takes ownership of the arrays: for loaders that just built them. */
    static LabeledImages wrap(String name, ImageShape shape, byte[] pixels, int[] labels,
                              List<String> classNames, int maxPixelValue) {
        return new LabeledImages(name, shape, pixels, labels, classNames, maxPixelValue);
    }

    private void validate() {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": no class names; give one name per class");
        }
        if (maxPixelValue < 1 || maxPixelValue > 255) {
            throw new IllegalArgumentException(name + ": maxPixelValue " + maxPixelValue
                    + " is outside 1..255 (pixels are unsigned bytes)");
        }
        long expected = (long) labels.length * shape.pixelsPerImage();
        if (pixels.length != expected) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes for "
                    + labels.length + " images of " + shape + " (needs " + expected + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
                        + " is outside 0.." + (classNames.size() - 1));
            }
        }
        if (maxPixelValue < 255) {
            for (int k = 0; k < pixels.length; k++) {
                if ((pixels[k] & 0xFF) > maxPixelValue) {
                    throw new IllegalArgumentException(name + ": pixel " + (k % shape.pixelsPerImage())
                            + " of image " + (k / shape.pixelsPerImage()) + " is " + (pixels[k] & 0xFF)
                            + ", above maxPixelValue " + maxPixelValue);
                }
            }
        }
    }

    /** @return the human-readable name given at construction */
    public String name() {
        return name;
    }

    /** @return the shape of one image */
    public ImageShape shape() {
        return shape;
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /** @return the number of classes (the length of a one-hot label) */
    public int numClasses() {
        return classNames.size();
    }

    /** @return one name per class, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the largest raw pixel value this data set can hold (16 or 255); {@code [0,1]} scaling divides by it */
    public int maxPixelValue() {
        return maxPixelValue;
    }

    /**
     * The label of one image.
     *
     * @param image the image index, {@code 0..size()-1}
     * @return its class index
     */
    public int label(int image) {
        return labels[image];
    }

    /** @return a copy of all labels, one per image */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * One raw pixel value.
     *
     * @param image the image index
     * @param index the position inside the flattened image, {@code c*H*W + y*W + x}
     * @return the unsigned value, {@code 0..maxPixelValue()}
     */
    public int pixel(int image, int index) {
        Objects.checkIndex(index, shape.pixelsPerImage());
        return pixels[image * shape.pixelsPerImage() + index] & 0xFF;
    }

    /** @return a copy of all raw pixels (unsigned bytes), in the layout of the class comment */
    public byte[] pixelBytes() {
        return pixels.clone();
    }

    /** @return the number of images of each class, indexed by label */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Writes one image, scaled, into a float array: the building block of batches.
     *
     * @param image   the image index
     * @param scaling how raw values become floats; must suit {@code shape().channels()}
     * @param dst     the destination
     * @param offset  where in {@code dst} the image's {@code pixelsPerImage()} values start
     */
    public void copyScaled(int image, PixelScaling scaling, float[] dst, int offset) {
        Objects.checkIndex(image, labels.length);
        scaling.requireChannels(shape.channels());
        int perChannel = shape.pixelsPerChannel();
        int src = image * shape.pixelsPerImage();
        for (int c = 0; c < shape.channels(); c++) {
            for (int k = 0; k < perChannel; k++) {
                dst[offset++] = scaling.apply(c, pixels[src++] & 0xFF);
            }
        }
    }

    /**
     * All images as float rows, {@code [size()][pixelsPerImage()]}.
     *
     * @param scaling how raw values become floats
     * @return a fresh array
     */
    public float[][] toFloatRows(PixelScaling scaling) {
        scaling.requireChannels(shape.channels());
        float[][] rows = new float[size()][shape.pixelsPerImage()];
        for (int i = 0; i < rows.length; i++) {
            copyScaled(i, scaling, rows[i], 0);
        }
        return rows;
    }

    /**
     * All images as one flat float array with labels and shape.
     *
     * @param scaling how raw values become floats
     * @return a fresh record
     */
    public FloatImages toFloatImages(PixelScaling scaling) {
        scaling.requireChannels(shape.channels());
        int per = shape.pixelsPerImage();
        float[] all = new float[Math.multiplyExact(size(), per)];
        for (int i = 0; i < size(); i++) {
            copyScaled(i, scaling, all, i * per);
        }
        return new FloatImages(all, labels.clone(), shape, numClasses());
    }

    /** @return labels one-hot encoded, {@code [size()][numClasses()]}, 1 at the label, 0 elsewhere */
    public float[][] oneHotLabels() {
        float[][] oneHot = new float[size()][numClasses()];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i][labels[i]] = 1f;
        }
        return oneHot;
    }

    /**
     * The images at the given indices, in that order.
     *
     * @param indices image indices, each in {@code 0..size()-1}; repeats allowed
     * @param newName the name of the subset
     * @return a new set holding copies
     */
    public LabeledImages subset(int[] indices, String newName) {
        int per = shape.pixelsPerImage();
        byte[] subPixels = new byte[Math.multiplyExact(indices.length, per)];
        int[] subLabels = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = Objects.checkIndex(indices[j], labels.length);
            System.arraycopy(pixels, i * per, subPixels, j * per, per);
            subLabels[j] = labels[i];
        }
        return new LabeledImages(newName, shape, subPixels, subLabels, classNames, maxPixelValue);
    }

    /**
     * A deterministic stratified train/test split; see {@link StratifiedSplit} for the exact rule.
     * The same data, fraction and seed give the same split on every JVM.
     *
     * @param testFraction fraction of each class that goes to the test set, strictly between 0 and 1
     * @param seed         the seed of the shuffle inside each class
     * @return train and test sets, each in the original order of the images
     */
    public TrainTest split(double testFraction, long seed) {
        return StratifiedSplit.split(this, testFraction, seed);
    }

    /** Returns the name, count and shape, for logs. */
    @Override
    public String toString() {
        return name + " (" + size() + " images of " + shape + ", " + numClasses() + " classes)";
    }
}
