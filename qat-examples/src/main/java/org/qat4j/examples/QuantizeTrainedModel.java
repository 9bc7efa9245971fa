package org.qat4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.datasets.Digits;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.TrainTest;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;
import org.qat4j.datasets.dl4j.ImageLayout;
import org.qat4j.examples.pipeline.ConsoleOutput;
import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.Pipeline;
import org.qat4j.examples.pipeline.Training;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;

/**
 * Post-training quantization of a trained DL4J network: load it, prepare its QAT twin, calibrate
 * the activation ranges on a few training batches, export the int8 model and compare accuracies.
 *
 * <pre>
 * java -cp qat4j-all.jar org.qat4j.examples.QuantizeTrainedModel [float-digits-cnn.zip [out.qat4j]]
 * </pre>
 *
 * <p>The network must take the 8x8 digits (NCHW, pixels scaled to [0, 1]); without an argument the
 * example first trains one (about a minute). {@code qat4j train} saves such a network.
 */
public final class QuantizeTrainedModel {

    private QuantizeTrainedModel() {
    }

    /**
     * @param args optional: the float network zip, then the int8 model to write
     * @throws Exception if a file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        System.out.println(run(args.length > 0 ? Path.of(args[0]) : null,
                Path.of(args.length > 1 ? args[1] : "qat4j-out/digits-ptq.qat4j"), 15));
    }

    /**
     * @param floatZip a trained float network, or null to train one
     * @param out the int8 model to write
     * @param epochs float epochs when training one
     * @return a summary line
     * @throws Exception if a file cannot be read or written
     */
    public static String run(Path floatZip, Path out, int epochs) throws Exception {
        TrainTest digits = Digits.load().split(DataChoice.DIGITS_TEST_FRACTION, DataChoice.DIGITS_SPLIT_SEED);
        PixelScaling scaling = PixelScaling.unitRange(Digits.MAX_PIXEL_VALUE);

        // 1. The trained float network.
        MultiLayerNetwork floatNet;
        if (floatZip != null) {
            floatNet = ModelSerializer.restoreMultiLayerNetwork(floatZip.toFile(), false);
        } else {
            ImageData data = new ImageData(DataChoice.DIGITS, digits.train(), digits.test(), scaling);
            floatNet = Pipeline.trainFloat(data, new Training.Plan(epochs, 32, 42), ConsoleOutput.system());
        }

        // 2. Its QAT twin (TFLite int8: per-channel symmetric weights, asymmetric activations,
        //    batch norm folded), with ranges calibrated on 16 training batches: no training.
        MultiLayerNetwork ptq = Qat.prepare(floatNet, QatConfig.tfliteInt8());
        Qat.calibrate(ptq, ImageDataSetIterator.shuffled(digits.train(), 32, scaling, ImageLayout.NCHW, 42), 16);

        // 3. The integer-only model, saved and run on the int8 engine.
        IntegerModel model = Int8Export.export(ptq, digits.train().shape(), Digits.CLASS_NAMES, "PTQ int8 of a digits CNN");
        Files.createDirectories(out.toAbsolutePath().getParent());
        model.save(out);

        double floatAccuracy = floatNet.evaluate(test(digits.test(), scaling)).accuracy();
        double simulated = ptq.evaluate(test(digits.test(), scaling)).accuracy();
        double engine = engineAccuracy(IntegerModel.load(out), digits.test(), scaling);
        return String.format(java.util.Locale.ROOT,
                "float %.2f %%, PTQ int8 simulated %.2f %%, int8 engine %.2f %%; wrote %s (%d bytes)",
                100 * floatAccuracy, 100 * simulated, 100 * engine, out, Files.size(out));
    }

    private static ImageDataSetIterator test(LabeledImages test, PixelScaling scaling) {
        return ImageDataSetIterator.ordered(test, 128, scaling, ImageLayout.NCHW);
    }

    private static double engineAccuracy(IntegerModel model, LabeledImages test, PixelScaling scaling) {
        Interpreter engine = new Interpreter(model);
        float[] images = test.toFloatImages(scaling).pixels();
        int[] predicted = engine.predict(images);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.label(i) ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }
}
