package org.qat4j.layers.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.TestArrays;

/** The folded layer must compute what DL4J's layer + inference batch norm computes. */
class BatchNormFoldingTest {

    @ParameterizedTest
    @CsvSource({"conv,true,true", "conv,false,true", "conv,true,false", "dense,true,true", "dense,false,false"})
    void foldedLayerMatchesLayerThenBatchNorm(String kind, boolean hasBias, boolean useLogStd) {
        boolean conv = kind.equals("conv");
        MultiLayerNetwork withBn = network(conv, hasBias, true, useLogStd);
        org.deeplearning4j.nn.api.Layer bn = withBn.getLayer(1);
        bn.setParam("gamma", TestArrays.uniform(71, 0.5, 2, 1, 4));
        bn.setParam("beta", TestArrays.uniform(72, -1, 1, 1, 4));
        bn.setParam("mean", TestArrays.uniform(73, -0.5, 0.5, 1, 4));
        if (useLogStd) {
            bn.setParam("log10stdev", TestArrays.uniform(74, -1, 0.5, 1, 4));
        } else {
            bn.setParam("var", TestArrays.uniform(74, 0.001, 3, 1, 4));
        }
        if (hasBias) {
            withBn.getLayer(0).setParam("b", TestArrays.uniform(75, -1, 1, 1, 4));
        }
        INDArray x = conv ? TestArrays.uniform(76, -1, 1, 3, 2, 5, 5) : TestArrays.uniform(76, -1, 1, 3, 6);
        INDArray expected = withBn.feedForward(x, false).get(2);

        MultiLayerNetwork folded = network(conv, true, false, useLogStd);
        org.deeplearning4j.nn.api.Layer layer = withBn.getLayer(0);
        BatchNormFolding.Folded f = BatchNormFolding.fold(layer.getParam("W"), hasBias ? layer.getParam("b") : null,
                BatchNormFolding.BatchNormStats.of(bn), conv ? 0 : 1);
        folded.getLayer(0).setParam("W", f.weights());
        folded.getLayer(0).setParam("b", f.bias());
        INDArray got = folded.feedForward(x, false).get(1);
        assertEquals(expected.length(), got.length());
        double err = expected.sub(got).amaxNumber().doubleValue();
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(err <= 2e-6 * scale, "max |difference| " + err + " for outputs up to " + scale);
    }

    private static MultiLayerNetwork network(boolean conv, boolean hasBias, boolean withBn, boolean useLogStd) {
        FeedForwardLayer first = conv
                ? new ConvolutionLayer.Builder(3, 3).nOut(4).hasBias(hasBias).activation(Activation.IDENTITY).build()
                : new DenseLayer.Builder().nOut(4).hasBias(hasBias).activation(Activation.IDENTITY).build();
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(5).list().layer(first);
        if (withBn) {
            b.layer(new BatchNormalization.Builder().useLogStd(useLogStd).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = b.setInputType(conv ? InputType.convolutional(5, 5, 2) : InputType.feedForward(6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
