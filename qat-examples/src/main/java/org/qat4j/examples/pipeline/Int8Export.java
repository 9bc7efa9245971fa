package org.qat4j.examples.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.layers.Qat;

/**
 * Exports a QAT network to an int8 model with {@code Qat.export} and names its classes.
 */
public final class Int8Export {

    private Int8Export() {
    }

    /**
     * @param qatNet a calibrated or trained QAT network
     * @param classLabels one label per output, or empty to keep the exporter's
     * @param description the model's description, or null to keep the exporter's
     * @return the int8 model
     * @throws IllegalArgumentException if the network cannot be exported (the message says why)
     */
    public static IntegerModel export(MultiLayerNetwork qatNet, List<String> classLabels, String description) {
        IntegerModel model = callExporter(qatNet);
        ModelMetadata m = model.metadata();
        List<String> labels = classLabels.isEmpty() ? m.classLabels() : classLabels;
        String text = description == null ? m.description() : description;
        return new IntegerModel(model.graph(),
                new ModelMetadata(text, labels, m.inputLayout(), m.qat4jVersion(), m.provenance()));
    }

    private static IntegerModel callExporter(MultiLayerNetwork qatNet) {
        Method export;
        try {
            export = Qat.class.getMethod("export", MultiLayerNetwork.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this build's qat-layers has no int8 exporter (Qat.export)", e);
        }
        try {
            return (IntegerModel) export.invoke(null, qatNet);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("export failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Qat.export is not accessible", e);
        }
    }
}
