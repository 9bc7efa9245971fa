package org.qat4j.examples.pipeline;

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
import org.qat4j.datasets.ImageShape;

/**
 * The float networks the command trains: small CNNs built only from layers qat4j quantizes and
 * exports (convolution, batch norm folded into it, ReLU fused, max pooling, dense).
 */
public final class ReferenceModels {

    /** Adam's learning rate for float training. */
    public static final double FLOAT_LEARNING_RATE = 2e-3;

    private ReferenceModels() {
    }

    /**
     * The reference CNN for a data set: for 8x8 digits one conv-BN-ReLU block (16 channels), max
     * pooling, dense 32, softmax; for 28x28 images two conv-BN-ReLU blocks (8 and 16 channels)
     * each followed by 2x2 max pooling, dense 64, softmax.
     *
     * @param shape the image shape
     * @param classes number of classes
     * @param seed weight-initialization seed
     * @return a new, initialized network
     */
    public static MultiLayerNetwork forShape(ImageShape shape, int classes, long seed) {
        return shape.height() <= 8 && shape.width() <= 8 ? smallCnn(shape, classes, seed) : twoBlockCnn(shape, classes, 8,
                16, 64, seed);
    }

    /**
     * One conv-BN-ReLU block: conv 3x3 (padding 1, 16 channels), batch norm, ReLU, 2x2 max pooling,
     * dense 32 with ReLU, softmax output.
     *
     * @param shape the image shape (8x8 digits)
     * @param classes number of classes
     * @param seed weight-initialization seed
     * @return a new, initialized network
     */
    public static MultiLayerNetwork smallCnn(ImageShape shape, int classes, long seed) {
        MultiLayerConfiguration conf = base(seed).list()
                .layer(conv("conv1", 16))
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("relu1").build())
                .layer(maxPool("pool1"))
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).name("fc1").build())
                .layer(output(classes))
                .setInputType(InputType.convolutional(shape.height(), shape.width(), shape.channels())).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Two conv-BN-ReLU blocks with 2x2 max pooling, a dense hidden layer with ReLU, softmax output.
     *
     * @param shape the image shape
     * @param classes number of classes
     * @param channels1 channels of the first convolution
     * @param channels2 channels of the second convolution
     * @param hidden units of the dense hidden layer
     * @param seed weight-initialization seed
     * @return a new, initialized network
     */
    public static MultiLayerNetwork twoBlockCnn(ImageShape shape, int classes, int channels1, int channels2, int hidden,
            long seed) {
        MultiLayerConfiguration conf = base(seed).list()
                .layer(conv("conv1", channels1))
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("relu1").build())
                .layer(maxPool("pool1"))
                .layer(conv("conv2", channels2))
                .layer(new BatchNormalization.Builder().name("bn2").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("relu2").build())
                .layer(maxPool("pool2"))
                .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).name("fc1").build())
                .layer(output(classes))
                .setInputType(InputType.convolutional(shape.height(), shape.width(), shape.channels())).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.RELU)
                .updater(new Adam(FLOAT_LEARNING_RATE));
    }

    private static ConvolutionLayer conv(String name, int channels) {
        // Identity here: batch norm follows, then the ReLU the exporter fuses into the folded conv.
        return new ConvolutionLayer.Builder(3, 3).nOut(channels).padding(1, 1).activation(Activation.IDENTITY)
                .name(name).build();
    }

    private static SubsamplingLayer maxPool(String name) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name(name)
                .build();
    }

    private static OutputLayer output(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX)
                .name("out").build();
    }
}
