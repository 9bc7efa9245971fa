package org.qat4j.layers.export;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.ActivationQuantSpec;
import org.qat4j.layers.LayerOverride;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.TestArrays;
import org.qat4j.layers.weight.WeightQuantSpec;

/** What the exporter refuses, and that each refusal names the layer (index, name, type) and the fix. */
class ExportErrorsTest {

    @Test
    void aFakeQuantLayerWithoutRangeIsNamed() {
        MultiLayerNetwork qat = Qat.prepare(ExportFixtures.mlp(), QatConfig.tfliteInt8());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Qat.export(qat));
        assertMessage(e, "FakeQuantLayer 'hidden_in_fq' (layer 0)", "calibrate");
    }

    @Test
    void tanhInTheMiddleIsNamed() {
        MultiLayerNetwork qat = calibrated(mlp(Activation.TANH), QatConfig.tfliteInt8());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Qat.export(qat));
        assertMessage(e, "layer 3 'hidden_act' (ActivationLayer)", "tanh", "ReLU6");
    }

    @Test
    void aLayerLeftInFloatIsNamed() {
        QatConfig skip = QatConfig.builder().override("hidden", LayerOverride.skipLayer()).build();
        MultiLayerNetwork qat = calibrated(mlp(Activation.RELU), skip);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Qat.export(qat));
        assertMessage(e, "'hidden' (DenseLayer)", "stays in float");
    }

    @Test
    void perChannelNarrowAndWideActivationRangesAreRefused() {
        QatConfig perChannel = QatConfig.builder()
                .activation(ActivationQuantSpec.int8PerTensor().withPerChannel(true)).build();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Qat.export(calibrated(mlp(Activation.RELU), perChannel))), "(FakeQuantLayer)", "per tensor");
        ActivationQuantSpec d = ActivationQuantSpec.int8PerTensor();
        QatConfig narrow = QatConfig.builder().activation(new ActivationQuantSpec(8, true, false, d.rangeGradient(),
                d.observer(), d.observerBatches(), d.minRangeWidth())).build();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Qat.export(calibrated(mlp(Activation.RELU), narrow))), "layer 0 'hidden_in_fq'", "narrow-range");
        QatConfig sixteen = QatConfig.builder().activation(ActivationQuantSpec.int8PerTensor().withBits(16)).build();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Qat.export(calibrated(mlp(Activation.RELU), sixteen))), "layer 0 'hidden_in_fq'", "16 bits");
    }

    @Test
    void asymmetricWeightsAreRefused() {
        QatConfig asym = QatConfig.builder().weight(WeightQuantSpec.asymmetric(8, true)).build();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Qat.export(calibrated(mlp(Activation.RELU), asym))), "layer 1 'hidden' (DenseLayer)",
                "asymmetric", "perChannelSymmetric");
    }

    @Test
    void imageInputWithoutItsShapeAsksForIt() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).name("conv").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutional(5, 5, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        MultiLayerNetwork qat = Qat.prepare(net, QatConfig.tfliteInt8());
        Qat.calibrate(qat, data(TestArrays.uniform(5, 0, 1, 8, 1, 5, 5), 3), 1);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Qat.export(qat)), "withImageInput");
        assertTrue(Qat.export(qat, ExportOptions.defaults().withImageInput(1, 5, 5)).graph().ops().size() > 3);
    }

    private static MultiLayerNetwork mlp(Activation hidden) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(hidden).name("hidden").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).name("out").build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork calibrated(MultiLayerNetwork floatNet, QatConfig config) {
        MultiLayerNetwork qat = Qat.prepare(floatNet, config);
        Qat.calibrate(qat, data(TestArrays.uniform(6, -1, 1, 8, 4), 3), 1);
        return qat;
    }

    static ListDataSetIterator<DataSet> data(org.nd4j.linalg.api.ndarray.INDArray x, int classes) {
        org.nd4j.linalg.api.ndarray.INDArray y = Nd4j.zeros(x.size(0), classes);
        for (int i = 0; i < x.size(0); i++) {
            y.putScalar(i, i % classes, 1);
        }
        return new ListDataSetIterator<>(new DataSet(x, y).asList(), (int) x.size(0));
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }
}
