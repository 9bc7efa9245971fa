package org.qat4j.datasets;

/**
 * The shape of one image: channels, height, width (the C, H, W of NCHW).
 *
 * @param channels number of channels (1 for grey, 3 for RGB), at least 1
 * @param height   rows, at least 1
 * @param width    columns, at least 1
 */
public record ImageShape(int channels, int height, int width) {

    /**
     * Validates every dimension and the pixel count of one image.
     *
     * @param channels number of channels (1 for grey, 3 for RGB), at least 1
     * @param height rows, at least 1
     * @param width columns, at least 1
     */
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width
                    + " has a dimension below 1; every dimension must be at least 1");
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width
                    + " has more than " + Integer.MAX_VALUE + " pixels");
        }
    }

    /**
     * Values per image: channels x height x width.
     *
     * @return the length of one flattened image
     */
    public int pixelsPerImage() {
        return channels * height * width;
    }

    /**
     * Values per channel plane: height x width.
     *
     * @return the length of one channel of one image
     */
    public int pixelsPerChannel() {
        return height * width;
    }

    /** Returns {@code CxHxW}, for example {@code 1x28x28}. */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
