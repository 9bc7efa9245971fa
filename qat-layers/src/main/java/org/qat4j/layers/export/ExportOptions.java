package org.qat4j.layers.export;

import java.util.List;
import java.util.Objects;

/**
 * What the exporter adds to a model besides the network itself: a description, class labels and,
 * where the network does not record it, the shape of its image input.
 *
 * @param description free text stored in the model ({@code ModelMetadata.description})
 * @param classLabels one label per output value, or empty
 * @param imageInput the per-example input image shape, or null to take it from the network (its
 *     {@code FeedForwardToCnnPreProcessor}); needed only for convolutional input fed as {@code [N, C,
 *     H, W]} without such a preprocessor
 */
public record ExportOptions(String description, List<String> classLabels, ImageInput imageInput) {

    /** Copies the labels and checks for nulls. */
    public ExportOptions {
        Objects.requireNonNull(description, "description is null; use \"\" for none");
        classLabels = List.copyOf(Objects.requireNonNull(classLabels, "classLabels is null; use List.of() for none"));
    }

    /**
     * The shape of one input image, in DL4J's order.
     *
     * @param channels channels, at least 1
     * @param height rows, at least 1
     * @param width columns, at least 1
     */
    public record ImageInput(int channels, int height, int width) {

        /** Validates that every extent is positive. */
        public ImageInput {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("image input " + channels + "x" + height + "x" + width
                        + " (channels x height x width) must have every extent >= 1");
            }
        }
    }

    /** @return no description, no labels, the input shape taken from the network */
    public static ExportOptions defaults() {
        return new ExportOptions("", List.of(), null);
    }

    /**
     * @param text the model description
     * @return these options with that description
     */
    public ExportOptions withDescription(String text) {
        return new ExportOptions(text, classLabels, imageInput);
    }

    /**
     * @param labels one label per output value
     * @return these options with those labels
     */
    public ExportOptions withClassLabels(List<String> labels) {
        return new ExportOptions(description, labels, imageInput);
    }

    /**
     * @param channels channels of the input image
     * @param height rows
     * @param width columns
     * @return these options with that input shape
     */
    public ExportOptions withImageInput(int channels, int height, int width) {
        return new ExportOptions(description, classLabels, new ImageInput(channels, height, width));
    }
}
