package org.qat4j.layers.weight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.TestArrays;

/**
 * A layer with {@link WeightFakeQuant} must behave exactly like the same float layer whose
 * weights were replaced by their fake-quantized values: same outputs, same gradients (the
 * straight-through estimator), applied to the float weights.
 */
class WeightFakeQuantTest {

    @Test
    void denseAndOutputLayersSeeQuantizedWeightsAndPassGradientsStraightThrough() {
        INDArray x = TestArrays.uniform(51, -1, 1, 10, 6);
        INDArray y = oneHot(10, 3);
        MultiLayerNetwork qat = mlp(new WeightFakeQuant());
        MultiLayerNetwork reference = mlp(null);
        copyWithQuantizedWeights(qat, reference, new int[] {1, 1});
        assertSameOutputsAndGradients(qat, reference, x, y);
    }

    @Test
    void convolutionSeesPerOutputChannelWeights() {
        INDArray x = TestArrays.uniform(52, 0, 1, 4, 2, 6, 6);
        INDArray y = oneHot(4, 3);
        MultiLayerNetwork qat = cnn(new WeightFakeQuant(WeightQuantSpec.asymmetric(6, true)));
        MultiLayerNetwork reference = cnn(null);
        copyWithQuantizedWeights(qat, reference, new int[] {0, 1});
        assertSameOutputsAndGradients(qat, reference, x, y);
    }

    @Test
    void trainingUpdatesTheFloatWeights() {
        MultiLayerNetwork qat = mlp(new WeightFakeQuant());
        INDArray before = qat.getLayer(0).getParam("W").dup();
        qat.fit(TestArrays.uniform(53, -1, 1, 10, 6), oneHot(10, 3));
        INDArray after = qat.getLayer(0).getParam("W");
        assertNotEquals(before, after);
        // Float weights are not snapped to the grid: the quantized copy differs from them.
        assertNotEquals(after, WeightQuantizer.fakeQuantize(after, WeightQuantSpec.int8PerChannelSymmetric(), 1));
    }

    private static void assertSameOutputsAndGradients(MultiLayerNetwork qat, MultiLayerNetwork reference,
            INDArray x, INDArray y) {
        assertArrayEquals(reference.output(x).dup('c').data().asFloat(), qat.output(x).dup('c').data().asFloat(),
                "inference output");
        qat.setInput(x);
        qat.setLabels(y);
        qat.computeGradientAndScore();
        reference.setInput(x);
        reference.setLabels(y);
        reference.computeGradientAndScore();
        assertEquals(reference.score(), qat.score(), 0.0);
        assertArrayEquals(reference.gradient().gradient().dup('c').data().asFloat(),
                qat.gradient().gradient().dup('c').data().asFloat(), "gradients");
    }

    /** Copies every parameter, replacing W by its fake-quantized value. */
    private static void copyWithQuantizedWeights(MultiLayerNetwork from, MultiLayerNetwork to, int[] axes) {
        for (int i = 0; i < axes.length; i++) {
            to.getLayer(i).setParam("b", from.getLayer(i).getParam("b").dup());
            WeightFakeQuant wfq = (WeightFakeQuant) ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                    from.getLayer(i).conf().getLayer()).getWeightNoise();
            to.getLayer(i).setParam("W", WeightQuantizer.fakeQuantize(from.getLayer(i).getParam("W"), wfq.spec(), axes[i]));
        }
    }

    private static MultiLayerNetwork mlp(IWeightNoise noise) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).weightNoise(noise).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).weightNoise(noise).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork cnn(IWeightNoise noise) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(10).updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).weightNoise(noise).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).weightNoise(noise).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray oneHot(int n, int classes) {
        INDArray y = Nd4j.zeros(n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1);
        }
        return y;
    }
}
