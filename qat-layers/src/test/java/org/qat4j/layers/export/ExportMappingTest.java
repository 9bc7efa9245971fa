package org.qat4j.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.TestArrays;

/** Which ops each layer becomes, with parameters taken from the QAT network; small nets, random data. */
class ExportMappingTest {

    @Test
    void theCnnFixtureMapsLayerByLayerWithTransposedWeightsAndExactBiases() {
        MultiLayerNetwork qat = Qat.prepare(ExportFixtures.cnn(), QatConfig.tfliteInt8());
        INDArray x = TestArrays.uniform(11, 0, 1, 32, 64);
        train(qat, x, 3);
        ExportedModel exported = IntegerExporter.export(qat, ExportOptions.defaults().withDescription("fixture"));
        IntegerGraph g = exported.model().graph();
        assertEquals(List.of("QuantizeInput", "Conv2D", "MaxPool2D", "Reshape", "FullyConnected", "FullyConnected",
                "DequantizeOutput"), g.ops().stream().map(Op::kind).map(Object::toString).toList());
        QatExport.Description d = QatExport.describe(qat);
        WeightedLayerInfo conv = (WeightedLayerInfo) d.layers().get(1);
        Conv2D c = (Conv2D) g.ops().get(1);
        assertArrayEquals(WeightLayout.convolutionToOhwi(conv.quantized().values(), 4, 1, 3, 3), c.filter().values());
        assertArrayEquals(conv.quantized().scales(), c.filter().scales());
        float inScale = g.inputQuantization().scale();
        assertArrayEquals(BiasQuantizer.quantize(conv.bias(), 4, inScale, conv.quantized().scales(), "conv"), c.bias());
        // The dense layer after the 3x3x4 map reads DL4J's (c, h, w) rows in the engine's (h, w, c) order.
        WeightedLayerInfo fc = (WeightedLayerInfo) d.layers().get(4);
        FullyConnected f = (FullyConnected) g.ops().get(4);
        assertArrayEquals(WeightLayout.denseToOutIn(fc.quantized().values(), 36, 8, WeightLayout.chwIndexOfHwc(4, 3, 3)),
                f.weights().values());
        assertTrue(exported.model().metadata().provenance().get(IntegerExporter.OUTPUT_KEY).contains("softmax"));
        assertEquals("fixture", exported.model().metadata().description());
        assertIsolatedWithinOneStep(qat, exported, x);
    }

    @Test
    void zeroPaddingFoldsIntoTheConvolutionAndAReluAfterPoolingRequantizesWithItsClamp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(3e-3)).list()
                .layer(new ZeroPaddingLayer.Builder(1, 1).name("pad").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).name("conv").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("relu").build())
                .layer(new DropoutLayer.Builder(0.8).name("drop").build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).name("gmp").build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU6).name("fc").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutionalFlat(6, 6, 2)).build();
        MultiLayerNetwork qat = prepared(conf);
        INDArray x = TestArrays.uniform(12, -1, 1, 32, 72);
        train(qat, x, 3);
        ExportedModel exported = IntegerExporter.export(qat, ExportOptions.defaults());
        IntegerGraph g = exported.model().graph();
        assertEquals(List.of("QuantizeInput", "Conv2D", "MaxPool2D", "Conv2D", "MaxPool2D", "Reshape",
                "FullyConnected", "FullyConnected", "DequantizeOutput"),
                g.ops().stream().map(Op::kind).map(Object::toString).toList());
        Conv2D conv = (Conv2D) g.ops().get(1);
        assertEquals(new org.qat4j.core.graph.Padding(1, 1, 1, 1), conv.window().padding());
        Conv2D relu = (Conv2D) g.ops().get(3);
        Quantization reluOut = g.tensor(relu.output()).quantization();
        assertEquals(Math.max(reluOut.qmin(), reluOut.zeroPoint()), relu.clamp().min(), "ReLU clamps at the zero point");
        assertIsolatedWithinOneStep(qat, exported, x);
    }

    @Test
    void paddedAveragePoolingRequantizesAfterPoolingAndGlobalAveragePoolingSumsInAConvolution() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).updater(new Adam(3e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU).name("conv").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).name("avg").build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutionalFlat(5, 5, 1)).build();
        MultiLayerNetwork qat = prepared(conf);
        INDArray x = TestArrays.uniform(13, 0, 1, 32, 25);
        train(qat, x, 3);
        ExportedModel exported = IntegerExporter.export(qat, ExportOptions.defaults());
        IntegerGraph g = exported.model().graph();
        // conv, padded average (pool, requantize), global average (window sum as a convolution), flatten, dense
        assertEquals(List.of("QuantizeInput", "Conv2D", "AveragePool2D", "Conv2D", "Conv2D", "Reshape", "FullyConnected",
                "DequantizeOutput"), g.ops().stream().map(Op::kind).map(Object::toString).toList());
        // Two roundings (onto the input grid, then onto the output grid): within
        // 1 + ceil(s_in / (2 s_out)) steps of the training forward's single rounding.
        Quantization in = g.tensor(g.ops().get(2).inputs().get(0)).quantization();
        Quantization out = g.tensor(g.ops().get(3).output()).quantization();
        int bound = 1 + (int) Math.ceil(in.scale() / (2.0 * out.scale()));
        for (Parity.LayerComparison c : Parity.compareLayersIsolated(qat, exported, x)) {
            assertTrue(c.maxDifference() <= (c.tensor().equals("avg_requantize") ? bound : 1), c.toString());
        }
    }

    @Test
    void perTensorConvolutionWeightsExportWithTheScaleRepeatedPerChannel() {
        QatConfig config = QatConfig.builder()
                .weight(org.qat4j.layers.weight.WeightQuantSpec.perTensorSymmetric(8)).build();
        MultiLayerNetwork qat = Qat.prepare(ExportFixtures.cnn(), config);
        INDArray x = TestArrays.uniform(14, 0, 1, 32, 64);
        train(qat, x, 3);
        ExportedModel exported = IntegerExporter.export(qat, ExportOptions.defaults());
        WeightedLayerInfo conv = (WeightedLayerInfo) QatExport.describe(qat).layers().get(1);
        assertEquals(1, conv.quantized().scales().length, "the fixture's conv is quantized per tensor");
        Conv2D c = (Conv2D) exported.model().graph().ops().get(1);
        float[] expected = new float[4];
        java.util.Arrays.fill(expected, conv.quantized().scales()[0]);
        assertArrayEquals(expected, c.filter().scales());
        assertIsolatedWithinOneStep(qat, exported, x);
    }

    private static MultiLayerNetwork prepared(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Qat.prepare(net, QatConfig.tfliteInt8());
    }

    private static void train(MultiLayerNetwork qat, INDArray x, int classes) {
        Qat.calibrate(qat, ExportErrorsTest.data(x, classes), 1);
        for (int step = 0; step < 10; step++) {
            qat.fit(ExportErrorsTest.data(x, classes).next());
        }
    }

    private static void assertIsolatedWithinOneStep(MultiLayerNetwork qat, ExportedModel exported, INDArray x) {
        List<Parity.LayerComparison> layers = Parity.compareLayersIsolated(qat, exported, x);
        assertEquals(exported.layerTensors().size(), layers.size());
        for (Parity.LayerComparison c : layers) {
            assertTrue(c.maxDifference() <= 1, c.toString());
        }
        int[] qatClasses = Parity.qatClasses(qat, x);
        int[] intClasses = new Interpreter(exported.model()).predict(Parity.rows(x));
        assertTrue(Parity.agreeing(qatClasses, intClasses) >= x.size(0) - 1, "top-1 agreement");
    }
}
