package org.qat4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.datasets.Digits;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.TrainTest;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;
import org.qat4j.datasets.dl4j.ImageLayout;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;

/**
 * Quantization-aware training from scratch on the embedded digits, with the library API only:
 * define a DL4J CNN, train it in float, prepare its QAT twin, calibrate, fine-tune with fake
 * quantization, export the int8 model.
 *
 * <pre>
 * java -cp qat4j-all.jar org.qat4j.examples.QatFromScratch [out.qat4j]
 * </pre>
 */
public final class QatFromScratch {

    private QatFromScratch() {
    }

    /**
     * @param args optional: the int8 model to write
     * @throws Exception if the model cannot be written
     */
    public static void main(String[] args) throws Exception {
        System.out.println(run(Path.of(args.length > 0 ? args[0] : "qat4j-out/digits-qat-from-scratch.qat4j"), 15, 3));
    }

    /**
     * @param out the int8 model to write
     * @param floatEpochs float training epochs
     * @param qatEpochs QAT fine-tuning epochs
     * @return a summary line
     * @throws Exception if the model cannot be written
     */
    public static String run(Path out, int floatEpochs, int qatEpochs) throws Exception {
        TrainTest digits = Digits.load().split(0.2, 42);
        PixelScaling scaling = PixelScaling.unitRange(Digits.MAX_PIXEL_VALUE);
        ImageDataSetIterator train = ImageDataSetIterator.shuffled(digits.train(), 32, scaling, ImageLayout.NCHW, 42);
        ImageDataSetIterator test = ImageDataSetIterator.ordered(digits.test(), 128, scaling, ImageLayout.NCHW);

        // 1. A float CNN of layers qat4j quantizes: conv (identity) + batch norm + ReLU is folded
        //    into one int8 convolution with a fused ReLU.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.RELU)
                .updater(new Adam(2e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).padding(1, 1).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        MultiLayerNetwork floatNet = new MultiLayerNetwork(conf);
        floatNet.init();
        floatNet.fit(train, floatEpochs);
        double floatAccuracy = floatNet.evaluate(test).accuracy();

        // 2. The QAT twin: fake quantization of weights (per channel, symmetric) and activations
        //    (learned ranges), batch norm folded exactly as the exporter folds it.
        MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());
        Qat.calibrate(qat, train, 16);
        qat.setLearningRate(5e-4);
        qat.fit(train, qatEpochs);
        double qatAccuracy = qat.evaluate(test).accuracy();

        // 3. The int8 model: integer weights, int32 biases, fixed-point multipliers.
        IntegerModel model = Int8Export.export(qat, digits.train().shape(), Digits.CLASS_NAMES, "QAT int8 digits CNN");
        Files.createDirectories(out.toAbsolutePath().getParent());
        model.save(out);
        return String.format(Locale.ROOT, "float %.2f %%, QAT int8 (simulated) %.2f %%; wrote %s (%d bytes): run it "
                + "with RunExportedModel", 100 * floatAccuracy, 100 * qatAccuracy, out, Files.size(out));
    }
}
