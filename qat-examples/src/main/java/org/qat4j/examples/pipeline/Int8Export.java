package org.qat4j.examples.pipeline;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.datasets.ImageShape;
import org.qat4j.layers.Qat;
import org.qat4j.layers.export.ExportOptions;

/** Exports a QAT network to an int8 model with {@link Qat#export}, naming its classes. */
public final class Int8Export {

    private Int8Export() {
    }

    /**
     * @param qatNet a calibrated or trained QAT network
     * @param input the shape of one input image (DL4J networks built from an input type do not
     *     record height and width)
     * @param classLabels one label per output, or empty
     * @param description the model's description, or null for none
     * @return the int8 model
     * @throws IllegalArgumentException if the network cannot be exported (the message says why)
     */
    public static IntegerModel export(MultiLayerNetwork qatNet, ImageShape input, List<String> classLabels,
            String description) {
        ExportOptions options = ExportOptions.defaults().withClassLabels(classLabels)
                .withDescription(description == null ? "" : description)
                .withImageInput(input.channels(), input.height(), input.width());
        return Qat.export(qatNet, options);
    }
}
