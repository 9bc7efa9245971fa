package org.qat4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.weight.WeightFakeQuant;
import org.qat4j.layers.weight.WeightQuantSpec;

class QatPrepareTest {

    @Test
    void mlpGetsQuantizersAtTheInputAfterEachLayerAndOnTheLogits() {
        MultiLayerNetwork floatNet = mlp();
        INDArray floatParams = floatNet.params().dup();
        String floatJson = floatNet.getLayerWiseConfigurations().toJson();
        MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());

        assertEquals(floatParams, floatNet.params(), "float parameters untouched");
        assertEquals(floatJson, floatNet.getLayerWiseConfigurations().toJson(), "float configuration untouched");
        assertEquals(List.of("hidden_in_fq", "hidden", "hidden_fq", "squash", "squash_fq", "squash_act",
                "squash_act_fq", "out", "out_fq", "out_loss"), names(qat));
        assertInstanceOf(LossLayer.class, layer(qat, 9));
        assertEquals(new WeightFakeQuant(), ((BaseLayer) layer(qat, 1)).getWeightNoise());
        assertEquals(Activation.IDENTITY.getActivationFunction().getClass(),
                ((BaseLayer) layer(qat, 3)).getActivationFn().getClass(), "tanh split off the dense layer");
        assertInstanceOf(ActivationLayer.class, layer(qat, 5));
        assertEquals(floatNet.getLayer(0).getParam("W"), qat.getLayer(1).getParam("W"));
        assertNotSame(floatNet.getLayer(0).getParam("W"), qat.getLayer(1).getParam("W"));
        assertEquals(floatNet.getLayer(2).getParam("b"), qat.getLayer(7).getParam("b"));
    }

    @Test
    void convBatchNormReluBecomesOneFoldedConvWithOneQuantizer() {
        MultiLayerNetwork floatNet = cnn();
        MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());
        assertEquals(List.of("conv_in_fq", "conv", "conv_fq", "pool", "fc", "fc_fq", "out", "out_fq", "out_loss"),
                names(qat));
        ConvolutionLayer conv = (ConvolutionLayer) layer(qat, 1);
        assertInstanceOf(ActivationReLU.class, conv.getActivationFn(), "ReLU fused into the folded conv");
        assertTrue(conv.hasBias(), "the folded conv has a bias");
        assertEquals(0, qat.getLayerWiseConfigurations().getInputPreProcessors().size() - 2,
                "the reshapes moved with their layers: " + qat.getLayerWiseConfigurations().getInputPreProcessors());
        INDArray x = TestArrays.uniform(61, 0, 1, 3, 1 * 8 * 8);
        Qat.calibrate(qat, new ListDataSetIterator<>(List.of(new DataSet(x, Nd4j.zeros(3, 3)))), 1);
        assertEquals(floatNet.output(x).shape()[1], qat.output(x).shape()[1]);
    }

    @Test
    void overridesGiveMixedPrecisionAndSkipKeepsFloat() {
        QatConfig config = QatConfig.builder()
                .override("hidden", LayerOverride.bits(4, 6))
                .override(1, LayerOverride.skipLayer())
                .override(2, LayerOverride.none().withSymmetric(false).withPerChannel(false))
                .build();
        MultiLayerNetwork qat = Qat.prepare(mlp(), config);
        assertEquals(List.of("hidden_in_fq", "hidden", "hidden_fq", "squash", "out_in_fq", "out", "out_fq", "out_loss"),
                names(qat));
        WeightFakeQuant hidden = (WeightFakeQuant) ((BaseLayer) layer(qat, 1)).getWeightNoise();
        assertEquals(WeightQuantSpec.perChannelSymmetric(4), hidden.spec());
        assertEquals(6, ((FakeQuantLayer) layer(qat, 2)).getNumBits());
        assertEquals(null, ((BaseLayer) layer(qat, 3)).getWeightNoise(), "skipped layer stays float");
        WeightFakeQuant out = (WeightFakeQuant) ((BaseLayer) layer(qat, 5)).getWeightNoise();
        assertEquals(WeightQuantSpec.asymmetric(8, false), out.spec());
    }

    @Test
    void calibrationSetsRangesFromFloatActivations() {
        MultiLayerNetwork floatNet = mlp();
        MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());
        INDArray x = TestArrays.uniform(62, -3, 3, 32, 4);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            batches.add(new DataSet(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(8 * b, 8 * b + 8)), Nd4j.zeros(8, 3)));
        }
        assertEquals(3, Qat.calibrate(qat, new ListDataSetIterator<>(batches, 1), 3));
        FakeQuantLayerImpl input = Qat.fakeQuantLayers(qat).get(0);
        assertEquals(3, ((FakeQuantLayer) input.conf().getLayer()).getObservedBatches());
        float[] expectedMin = {0f};
        float[] expectedMax = {0f};
        for (int b = 0; b < 3; b++) {
            INDArray f = batches.get(b).getFeatures();
            new org.qat4j.layers.observe.MovingAverageMinMaxObserver().update(expectedMin, expectedMax,
                    new float[] {f.minNumber().floatValue()}, new float[] {f.maxNumber().floatValue()}, b == 0);
        }
        assertArrayEquals(expectedMin, input.rangeMin(), "moving average of the batch minima");
        assertArrayEquals(expectedMax, input.rangeMax(), "moving average of the batch maxima");
        FakeQuantLayerImpl hidden = Qat.fakeQuantLayers(qat).get(1);
        assertEquals(0f, hidden.rangeMin()[0], "ReLU output range starts at 0");
        INDArray floatOut = floatNet.output(x);
        INDArray qatOut = qat.output(x);
        assertTrue(floatOut.sub(qatOut).amaxNumber().doubleValue() < 0.05,
                "8-bit PTQ stays close to float: " + floatOut.sub(qatOut).amaxNumber());
        assertFalse(input.isCalibrating());
    }

    @Test
    void unsupportedLayersAndBadOverridesNameTheLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).name("conv").build())
                .layer(new LocalResponseNormalization.Builder().name("lrn").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Qat.prepare(net, QatConfig.tfliteInt8()));
        assertTrue(e.getMessage().contains("layer 1 'lrn'") && e.getMessage().contains("LocalResponseNormalization"),
                e.getMessage());
        Qat.prepare(net, QatConfig.builder().override("lrn", LayerOverride.skipLayer()).build());

        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> Qat.prepare(mlp(), QatConfig.builder().override(7, LayerOverride.skipLayer()).build()));
        assertTrue(index.getMessage().contains("layer 7") && index.getMessage().contains("0 to 2"), index.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> Qat.prepare(mlp(), QatConfig.builder().override("nope", LayerOverride.skipLayer()).build()));
        assertTrue(name.getMessage().contains("'nope'"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerOverride.bits(9, 8));
        assertThrows(IllegalArgumentException.class, () -> LayerOverride.bits(8, 17));
    }

    @Test
    void aBatchNormThatCannotBeFoldedIsRejected() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).name("fc").build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Qat.prepare(net, QatConfig.tfliteInt8()));
        assertTrue(e.getMessage().contains("layer 1 'bn'") && e.getMessage().contains("folded"), e.getMessage());
    }

    static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU).name("hidden").build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).name("squash").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).name("out").build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork cnn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).hasBias(false).name("conv").build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("relu").build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool").build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).name("fc").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static List<String> names(MultiLayerNetwork net) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            out.add(layer(net, i).getLayerName());
        }
        return out;
    }

    static Layer layer(MultiLayerNetwork net, int i) {
        return net.getLayer(i).conf().getLayer();
    }
}
