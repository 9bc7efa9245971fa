package org.qat4j.layers.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.datasets.Digits;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.TrainTest;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;
import org.qat4j.datasets.dl4j.ImageLayout;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.export.QatExport;

/**
 * 8-bit QAT on the embedded UCI digits (1,437 training and 360 test images, a fixed stratified
 * split) ends within 0.5 percentage points of the float network's test accuracy.
 */
class DigitsQatTest {

    private static final long SEED = 42;
    private static final int BATCH = 32;
    private static TrainTest data;
    private static PixelScaling scaling;

    @BeforeAll
    static void load() throws Exception {
        data = Digits.load().split(0.2, SEED);
        scaling = PixelScaling.unitRange(Digits.MAX_PIXEL_VALUE);
    }

    @Test
    void mlpQatStaysWithinHalfAPointOfFloat() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).weightInit(WeightInit.RELU)
                .updater(new Adam(2e-3)).list()
                .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).name("fc1").build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).name("fc2").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.feedForward(64)).build();
        run("MLP", conf, ImageLayout.FLAT, 40, 4);
    }

    @Test
    void cnnWithFoldedBatchNormQatStaysWithinHalfAPointOfFloat() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).weightInit(WeightInit.RELU)
                .updater(new Adam(2e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).padding(1, 1).activation(Activation.IDENTITY)
                        .name("conv").build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("relu").build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .name("pool").build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).name("fc").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        run("CNN", conf, ImageLayout.NCHW, 15, 3);
    }

    private static void run(String what, MultiLayerConfiguration conf, ImageLayout layout, int floatEpochs,
            int qatEpochs) {
        MultiLayerNetwork floatNet = new MultiLayerNetwork(conf);
        floatNet.init();
        floatNet.fit(train(layout), floatEpochs);
        double floatAccuracy = accuracy(floatNet, layout);

        MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());
        Qat.calibrate(qat, train(layout), 16);
        double ptqAccuracy = accuracy(qat, layout);
        qat.fit(train(layout), qatEpochs);
        double qatAccuracy = accuracy(qat, layout);
        QatExport.describe(qat);

        System.out.printf("%s digits: float %.4f, 8-bit PTQ %.4f, 8-bit QAT %.4f%n", what, floatAccuracy,
                ptqAccuracy, qatAccuracy);
        assertTrue(floatAccuracy > 0.93, what + " float baseline trained: " + floatAccuracy);
        assertTrue(qatAccuracy >= floatAccuracy - 0.005,
                what + ": QAT " + qatAccuracy + " is more than 0.5 points below float " + floatAccuracy);
    }

    private static DataSetIterator train(ImageLayout layout) {
        return ImageDataSetIterator.shuffled(data.train(), BATCH, scaling, layout, SEED);
    }

    private static double accuracy(MultiLayerNetwork net, ImageLayout layout) {
        return net.evaluate(ImageDataSetIterator.ordered(data.test(), 128, scaling, layout)).accuracy();
    }
}
