package org.qat4j.layers.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.datasets.Digits;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.TrainTest;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;
import org.qat4j.datasets.dl4j.ImageLayout;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;

/** The example of docs/export.md, line for line between the markers, runs. */
class ExportExampleTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleRuns() throws Exception {
        Path file = dir.resolve("digits.qat4j");
        // --- docs/export.md example ---
        TrainTest data = Digits.load().split(0.2, 42);
        PixelScaling scaling = PixelScaling.unitRange(Digits.MAX_PIXEL_VALUE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(4e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1)).build();
        MultiLayerNetwork floatNet = new MultiLayerNetwork(conf);
        floatNet.init();
        floatNet.fit(ImageDataSetIterator.shuffled(data.train(), 64, scaling, ImageLayout.FLAT, 42), 3);

        MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());
        Qat.calibrate(qat, ImageDataSetIterator.shuffled(data.train(), 64, scaling, ImageLayout.FLAT, 42), 8);
        qat.fit(ImageDataSetIterator.shuffled(data.train(), 64, scaling, ImageLayout.FLAT, 42), 1);

        IntegerModel model = Qat.export(qat, ExportOptions.defaults()
                .withDescription("digits CNN, int8")
                .withClassLabels(Digits.CLASS_NAMES));
        model.save(file); // atomic: a temporary file, then a rename

        Interpreter interpreter = new Interpreter(IntegerModel.load(file));
        float[][] images = data.test().toFloatRows(scaling); // one row of 64 pixels per image, NCHW order
        int correct = 0;
        for (int i = 0; i < images.length; i++) {
            if (interpreter.predict(images[i])[0] == data.test().label(i)) {
                correct++;
            }
        }
        System.out.printf("int8 accuracy %.4f on %d test digits%n", (double) correct / images.length, images.length);
        // --- end of example ---
        assertTrue(correct > 0.85 * images.length, "the exported model classifies the digits: " + correct);
    }
}
