package org.qat4j.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.TestArrays;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.RangeGradient;
import org.qat4j.layers.observe.MinMaxObserver;
import org.qat4j.layers.observe.MovingAverageMinMaxObserver;
import org.qat4j.layers.weight.WeightFakeQuant;
import org.qat4j.layers.weight.WeightQuantSpec;

/** ModelSerializer round trips: every configuration field, the parameters and the outputs. */
class PersistenceTest {

    @TempDir
    Path dir;

    @Test
    void everyFakeQuantAndWeightQuantFieldSurvivesModelSerializer() throws Exception {
        FakeQuantLayer fq = new FakeQuantLayer.Builder().name("fq-custom").numBits(5).narrowRange(true).perChannel(6)
                .rangeGradient(RangeGradient.LSQ).observer(new MovingAverageMinMaxObserver(0.75)).observerBatches(7)
                .minRangeWidth(0.125).initialRange(-0.5, 2.5).updater(new Nesterovs(0.05, 0.8)).build();
        fq.setObservedBatches(3);
        FakeQuantLayer fq2 = new FakeQuantLayer.Builder().name("fq-minmax").observer(new MinMaxObserver())
                .observerBatches(0).initialRange(-1, 1).build();
        WeightQuantSpec asym = new WeightQuantSpec(5, false, false, true);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU)
                        .weightNoise(new WeightFakeQuant(asym)).build())
                .layer(fq)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).weightNoise(new WeightFakeQuant()).build())
                .layer(fq2)
                .build();
        // A fake-quant layer cannot follow the output layer in a trainable net; configuration
        // round trip only for the second one.
        MultiLayerConfiguration json = MultiLayerConfiguration.fromJson(conf.toJson());
        assertFakeQuantEquals(fq, (FakeQuantLayer) json.getConf(1).getLayer());
        assertFakeQuantEquals(fq2, (FakeQuantLayer) json.getConf(3).getLayer());
        assertEquals(new WeightFakeQuant(asym), ((BaseLayer) json.getConf(0).getLayer()).getWeightNoise());
        assertEquals(new WeightFakeQuant(), ((BaseLayer) json.getConf(2).getLayer()).getWeightNoise());

        MultiLayerConfiguration trainable = new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU)
                        .weightNoise(new WeightFakeQuant(asym)).build())
                .layer(fq.clone())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).weightNoise(new WeightFakeQuant()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(trainable);
        net.init();
        INDArray x = TestArrays.uniform(91, -1, 1, 5, 4);
        MultiLayerNetwork restored = roundTrip(net);
        assertFakeQuantEquals(fq, (FakeQuantLayer) restored.getLayer(1).conf().getLayer());
        assertEquals(net.params(), restored.params());
        assertArrayEquals(net.output(x).data().asFloat(), restored.output(x).data().asFloat());
    }

    @Test
    void aPreparedTrainedNetworkRestoresWithRangesCountsAndUpdaterState() throws Exception {
        MultiLayerNetwork qat = Qat.prepare(ExportFixtures.cnn(), QatConfig.tfliteInt8());
        INDArray x = TestArrays.uniform(92, 0, 1, 8, 64);
        INDArray y = Nd4j.zeros(8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1);
        }
        for (int step = 0; step < 20; step++) {
            qat.fit(x, y);
        }
        MultiLayerNetwork restored = roundTrip(qat);
        assertEquals(qat.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(qat.params(), restored.params());
        assertEquals(qat.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertArrayEquals(qat.output(x).data().asFloat(), restored.output(x).data().asFloat());
        for (int i = 0; i < qat.getnLayers(); i++) {
            if (qat.getLayer(i).conf().getLayer() instanceof FakeQuantLayer f) {
                assertFakeQuantEquals(f, (FakeQuantLayer) restored.getLayer(i).conf().getLayer());
            }
        }
        // Training resumes identically.
        qat.fit(x, y);
        restored.fit(x, y);
        assertEquals(qat.params(), restored.params());
    }

    private MultiLayerNetwork roundTrip(MultiLayerNetwork net) throws Exception {
        File file = dir.resolve("net-" + System.nanoTime() + ".zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        return ModelSerializer.restoreMultiLayerNetwork(file, true);
    }

    private static void assertFakeQuantEquals(FakeQuantLayer expected, FakeQuantLayer actual) {
        assertEquals(expected.getLayerName(), actual.getLayerName(), "layerName");
        assertEquals(expected.getNumBits(), actual.getNumBits(), "numBits");
        assertEquals(expected.isNarrowRange(), actual.isNarrowRange(), "narrowRange");
        assertEquals(expected.isPerChannel(), actual.isPerChannel(), "perChannel");
        assertEquals(expected.getNumChannels(), actual.getNumChannels(), "numChannels");
        assertEquals(expected.getRangeGradient(), actual.getRangeGradient(), "rangeGradient");
        assertInstanceOf(expected.getObserver().getClass(), actual.getObserver());
        assertEquals(expected.getObserver(), actual.getObserver(), "observer");
        assertEquals(expected.getObserverBatches(), actual.getObserverBatches(), "observerBatches");
        assertEquals(expected.getObservedBatches(), actual.getObservedBatches(), "observedBatches");
        assertEquals(expected.getMinRangeWidth(), actual.getMinRangeWidth(), "minRangeWidth");
        assertEquals(expected.getInitialMin(), actual.getInitialMin(), "initialMin");
        assertEquals(expected.getInitialMax(), actual.getInitialMax(), "initialMax");
        assertEquals(expected.getIUpdater(), actual.getIUpdater(), "updater");
        assertEquals(expected, actual, "equals covers every field");
    }
}
