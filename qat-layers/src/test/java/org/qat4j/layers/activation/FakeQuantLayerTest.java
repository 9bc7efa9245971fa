package org.qat4j.layers.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.TestArrays;
import org.qat4j.layers.fakequant.Nd4jFakeQuant;
import org.qat4j.layers.fakequant.NudgedRanges;
import org.qat4j.layers.fakequant.QuantGrid;
import org.qat4j.layers.fakequant.RangeGradients;

class FakeQuantLayerTest {

    @Test
    void forwardAndBackwardInANetworkEqualTheArithmetic() {
        MultiLayerNetwork net = mlp(new FakeQuantLayer.Builder().initialRange(-0.5, 1.5).observerBatches(0).name("fq").build());
        INDArray x = TestArrays.uniform(1, -2, 2, 16, 4);
        FakeQuantLayerImpl fq = (FakeQuantLayerImpl) net.getLayer(1);
        INDArray hidden = net.feedForward(x, false).get(1);
        INDArray out = net.feedForward(x, false).get(2);
        NudgedRanges r = NudgedRanges.of(new float[] {-0.5f}, new float[] {1.5f}, new QuantGrid(8, false));
        INDArray expected = Nd4jFakeQuant.forwardPerTensor(hidden, r, hidden.ulike());
        assertArrayEquals(expected.data().asFloat(), out.dup('c').data().asFloat());

        INDArray eps = TestArrays.gaussian(2, 16, 8);
        net.initGradientsView();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        fq.setInput(hidden, mgr);
        fq.activate(true, mgr);
        Pair<Gradient, INDArray> grads = fq.backpropGradient(eps, mgr);
        RangeGradients ref = Nd4jFakeQuant.backwardPerTensor(hidden, eps, r, hidden.ulike());
        assertArrayEquals(ref.dx().data().asFloat(), grads.getSecond().dup('c').data().asFloat());
        assertArrayEquals(ref.dMin(), grads.getFirst().getGradientFor("min").toFloatVector());
        assertArrayEquals(ref.dMax(), grads.getFirst().getGradientFor("max").toFloatVector());
        assertNotEquals(0f, ref.dMax()[0], "the test data must reach above the range");
    }

    @Test
    void perChannelOn4dActivationsKeepsTheShape() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new FakeQuantLayer.Builder().perChannel(0).initialRange(0, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        FakeQuantLayer fqConf = (FakeQuantLayer) net.getLayer(1).conf().getLayer();
        assertEquals(4, fqConf.getNumChannels(), "channel count taken from the input type");
        assertEquals(8, net.getLayer(1).numParams());
        INDArray x = TestArrays.uniform(4, 0, 1, 5, 2, 6, 6);
        INDArray conv = net.feedForward(x, false).get(1);
        INDArray fq = net.feedForward(x, false).get(2);
        assertArrayEquals(conv.shape(), fq.shape());
        NudgedRanges r = NudgedRanges.of(new float[] {0, 0, 0, 0}, new float[] {2, 2, 2, 2}, new QuantGrid(8, false));
        assertArrayEquals(Nd4jFakeQuant.forwardPerChannel(conv, r, conv.ulike()).data().asFloat(),
                fq.dup('c').data().asFloat());
    }

    @Test
    void observerSetsTheRangeThenTrainingMovesItAndTheLossFalls() {
        FakeQuantLayer fqConf = new FakeQuantLayer.Builder().observerBatches(2).name("hidden-fq").build();
        MultiLayerNetwork net = mlp(fqConf);
        FakeQuantLayerImpl fq = (FakeQuantLayerImpl) net.getLayer(1);
        INDArray[] data = blobs(256, 21);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.output(data[0]));
        assertTrue(e.getMessage().contains("'hidden-fq'") && e.getMessage().contains("calibrate"), e.getMessage());

        net.fit(data[0], data[1]);
        FakeQuantLayer live = (FakeQuantLayer) fq.conf().getLayer();
        assertEquals(1, live.getObservedBatches());
        float[] observedMax = fq.rangeMax();
        assertEquals(0f, fq.rangeMin()[0], "ReLU activations: observed min is 0");
        assertTrue(observedMax[0] > 0f);
        double firstScore = net.score(new org.nd4j.linalg.dataset.DataSet(data[0], data[1]));
        net.fit(data[0], data[1]);
        assertEquals(2, live.getObservedBatches());
        float maxAfterObserving = fq.rangeMax()[0];
        for (int i = 0; i < 150; i++) {
            net.fit(data[0], data[1]);
        }
        assertEquals(2, live.getObservedBatches(), "the observer stops after observerBatches");
        assertNotEquals(maxAfterObserving, fq.rangeMax()[0], "the learned range moved");
        assertTrue(fq.rangeMin()[0] <= 0f && fq.rangeMax()[0] >= 0f);
        double lastScore = net.score(new org.nd4j.linalg.dataset.DataSet(data[0], data[1]));
        assertTrue(lastScore < firstScore * 0.5, "loss fell from " + firstScore + " to " + lastScore);
    }

    @Test
    void rangeRuleRunsAfterEveryUpdate() {
        // A huge learning rate pushes max below 0; the rule must put 0 back inside.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5)
                .updater(new org.nd4j.linalg.learning.config.Sgd(50)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new FakeQuantLayer.Builder().initialRange(0, 0.01).minRangeWidth(0.25).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray[] data = blobs(64, 6);
        FakeQuantLayerImpl fq = (FakeQuantLayerImpl) net.getLayer(1);
        for (int i = 0; i < 5; i++) {
            net.fit(data[0], data[1].mul(-100));
            float lo = fq.rangeMin()[0];
            float hi = fq.rangeMax()[0];
            assertTrue(lo <= 0f && hi >= 0f && hi - lo >= 0.25f, "range [" + lo + ", " + hi + "]");
        }
    }

    @Test
    void rangesAreBiasLikeSoWeightRegularizationLeavesThem() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(8).l2(0.5).updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new FakeQuantLayer.Builder().initialRange(0, 1).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(3).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        org.deeplearning4j.nn.conf.layers.Layer fq = net.getLayer(1).conf().getLayer();
        org.deeplearning4j.nn.conf.layers.Layer dense = net.getLayer(0).conf().getLayer();
        assertTrue(fq.getRegularizationByParam("min").isEmpty());
        assertTrue(fq.getRegularizationByParam("max").isEmpty());
        assertEquals(1, dense.getRegularizationByParam("W").size(), "the weights do get L2");
        assertEquals(0.0, net.getLayer(1).calcRegularizationScore(true), 0.0);
    }

    @Test
    void badSettingsNameTheLayer() {
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> new FakeQuantLayer.Builder().name("act3").numBits(17).build());
        assertTrue(bits.getMessage().contains("'act3'") && bits.getMessage().contains("17")
                && bits.getMessage().contains("[2, 16]"), bits.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new FakeQuantLayer.Builder().name("act4").initialRange(1, 1).build());
        assertTrue(range.getMessage().contains("'act4'") && range.getMessage().contains(">="), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FakeQuantLayer.Builder().numBits(1).build());
        assertThrows(IllegalArgumentException.class, () -> new FakeQuantLayer.Builder().minRangeWidth(0).build());
    }

    static MultiLayerNetwork mlp(FakeQuantLayer fq) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(fq)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Three Gaussian blobs in 4-D with one-hot labels. */
    static INDArray[] blobs(int n, long seed) {
        Random rnd = new Random(seed);
        float[][] x = new float[n][4];
        float[][] y = new float[n][3];
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            for (int d = 0; d < 4; d++) {
                x[i][d] = (float) (rnd.nextGaussian() * 0.5 + (d == k ? 2 : 0));
            }
            y[i][k] = 1;
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }
}
