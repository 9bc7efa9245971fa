package org.qat4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.kernels.EdgeQuantizer;
import org.qat4j.core.runtime.Interpreter;

/**
 * Runs an exported int8 model with qat-core alone: no DL4J, no ND4J, no other qat4j module, only
 * the JDK and {@code org.qat4j.core} (what a device ships).
 *
 * <pre>
 * java -cp qat-core.jar:qat-examples.jar org.qat4j.examples.RunExportedModel model.qat4j [images.csv]
 * </pre>
 *
 * <p>{@code images.csv} holds one image per line: the input values, comma separated, in the
 * model's input layout and scaling (for the digits models: 64 pixels scaled to [0, 1]). Without
 * it the example classifies a blank image and a bright one.
 */
public final class RunExportedModel {

    private RunExportedModel() {
    }

    /**
     * @param args the model file, then optionally a CSV of images
     * @throws IOException if a file cannot be read (a corrupt model is rejected with a message)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: RunExportedModel model.qat4j [images.csv]");
            System.exit(2);
        }
        IntegerModel model = IntegerModel.load(Path.of(args[0]));
        System.out.print(model);
        List<float[]> images = args.length > 1 ? readCsv(Path.of(args[1])) : syntheticImages(model);
        for (String line : classify(model, images)) {
            System.out.println(line);
        }
    }

    /**
     * Classifies images with the float entry point, and checks the int8 entry point agrees.
     *
     * @param model the int8 model
     * @param images one array per image, each {@code model.inputShape().elementCount()} long
     * @return one line per image: the predicted class, its label and the dequantized scores
     */
    public static List<String> classify(IntegerModel model, List<float[]> images) {
        Interpreter engine = new Interpreter(model);
        int size = engine.inputSize();
        float[] batch = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).length != size) {
                throw new IllegalArgumentException("image " + i + " has " + images.get(i).length + " values, the model takes "
                        + size + " (shape " + model.inputShape() + ")");
            }
            System.arraycopy(images.get(i), 0, batch, i * size, size);
        }
        int[] classes = engine.predict(batch);
        float[] scores = engine.run(batch);

        // The int8 entry point: quantize with the model's input parameters and clamp (the engine's
        // own edge quantizer, TFLite's rounding), run, and read int8 scores.
        Quantization in = model.inputQuantization();
        ActivationClamp clamp = inputClamp(model);
        byte[] quantized = new byte[batch.length];
        EdgeQuantizer.quantize(batch, 0, quantized, 0, batch.length, in.scale(), in.zeroPoint(), clamp.min(), clamp.max());
        byte[] int8Scores = engine.runQuantized(quantized);

        List<String> lines = new ArrayList<>();
        int outputs = engine.outputSize();
        List<String> labels = model.metadata().classLabels();
        for (int i = 0; i < images.size(); i++) {
            int best = 0;
            for (int k = 1; k < outputs; k++) {
                if (int8Scores[i * outputs + k] > int8Scores[i * outputs + best]) {
                    best = k;
                }
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "image %d: class %d", i, classes[i]));
            if (!labels.isEmpty()) {
                sb.append(" (").append(labels.get(classes[i])).append(')');
            }
            sb.append(best == classes[i] ? ", int8 entry point agrees" : ", int8 entry point says " + best);
            sb.append(", scores");
            for (int k = 0; k < outputs; k++) {
                sb.append(String.format(Locale.ROOT, " %.3f", scores[i * outputs + k]));
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    private static ActivationClamp inputClamp(IntegerModel model) {
        for (Op op : model.graph().ops()) {
            if (op instanceof QuantizeInput q) {
                return q.clamp();
            }
        }
        throw new IllegalStateException("the model has no QuantizeInput op");
    }

    private static List<float[]> syntheticImages(IntegerModel model) {
        int size = model.inputShape().elementCount();
        float[] blank = new float[size];
        float[] bright = new float[size];
        java.util.Arrays.fill(bright, 1f);
        return List.of(blank, bright);
    }

    private static List<float[]> readCsv(Path file) throws IOException {
        List<float[]> images = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            float[] image = new float[cells.length];
            for (int i = 0; i < cells.length; i++) {
                image[i] = Float.parseFloat(cells[i].trim());
            }
            images.add(image);
        }
        return images;
    }
}
