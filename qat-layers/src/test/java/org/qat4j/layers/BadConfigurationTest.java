package org.qat4j.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.weight.WeightFakeQuant;

/** Bad settings fail early with a message naming the layer, the value and the fix. */
class BadConfigurationTest {

    @Test
    void learnedRangeWithMinAboveMaxNamesTheLayer() {
        MultiLayerNetwork net = net(new FakeQuantLayer.Builder().name("act1").initialRange(-1, 1).observerBatches(0)
                .build(), new WeightFakeQuant());
        ((FakeQuantLayerImpl) net.getLayer(1)).setRange(new float[] {1f}, new float[] {0.5f});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.output(TestArrays.uniform(1, 0, 1, 2, 3)));
        assertTrue(e.getMessage().contains("'act1'") && e.getMessage().contains("min 1.0 >= max 0.5"), e.getMessage());
    }

    @Test
    void weightBitsOutOfRangeNameTheLayer() {
        WeightFakeQuant bad = new WeightFakeQuant();
        bad.setNumBits(12);
        MultiLayerNetwork net = net(new FakeQuantLayer.Builder().initialRange(-1, 1).build(), bad);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.output(TestArrays.uniform(2, 0, 1, 2, 3)));
        assertTrue(e.getMessage().contains("'dense'") && e.getMessage().contains("12")
                && e.getMessage().contains("[2, 8]"), e.getMessage());
    }

    @Test
    void activationBitsOutOfRangeNameTheLayerWhenLoadedFromJson() {
        MultiLayerNetwork net = net(new FakeQuantLayer.Builder().name("act2").initialRange(-1, 1).build(),
                new WeightFakeQuant());
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(
                net.getLayerWiseConfigurations().toJson().replace("\"numBits\" : 8", "\"numBits\" : 1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiLayerNetwork(conf).init());
        assertTrue(e.getMessage().contains("'act2' (layer 1)") && e.getMessage().contains("numBits 1"), e.getMessage());
    }

    @Test
    void existingWeightNoiseIsNotSilentlyReplaced() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).name("dropconnect").weightNoise(new DropConnect(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Qat.prepare(net, QatConfig.tfliteInt8()));
        assertTrue(e.getMessage().contains("layer 0 'dropconnect'") && e.getMessage().contains("weight noise"),
                e.getMessage());
    }

    private static MultiLayerNetwork net(FakeQuantLayer fq, WeightFakeQuant wfq) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).name("dense").activation(Activation.RELU).weightNoise(wfq).build())
                .layer(fq)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
