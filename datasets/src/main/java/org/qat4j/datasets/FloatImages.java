package org.qat4j.datasets;

import java.util.Objects;

/**
 * Images as one flat float array, for code without ND4J (qat-core users, other libraries).
 *
 * <p>Image {@code i} is {@code pixels[i*P .. (i+1)*P)} with {@code P = shape.pixelsPerImage()},
 * NCHW order within the image. The record holds the arrays it was given (no copy), so it
 * compares by array identity; treat the arrays as read-only.
 *
 * @param pixels     scaled pixel values, {@code labels.length * shape.pixelsPerImage()} of them
 * @param labels     class index per image, in {@code 0..numClasses-1}
 * @param shape      the shape of one image
 * @param numClasses the number of classes
 */
public record FloatImages(float[] pixels, int[] labels, ImageShape shape, int numClasses) {

    /**
     * Checks the lengths agree and every label is a valid class.
     *
     * @param pixels scaled pixel values, {@code labels.length * shape.pixelsPerImage()} of them
     * @param labels class index per image, in {@code 0..numClasses-1}
     * @param shape the shape of one image
     * @param numClasses the number of classes
     */
    public FloatImages {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(shape, "shape");
        if ((long) labels.length * shape.pixelsPerImage() != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel values for " + labels.length
                    + " images of " + shape);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses " + numClasses + " is below 1");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " is outside 0.." + (numClasses - 1));
            }
        }
    }

    /** @return the number of images */
    public int count() {
        return labels.length;
    }
}
