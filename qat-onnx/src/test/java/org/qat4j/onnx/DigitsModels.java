package org.qat4j.onnx;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.datasets.Digits;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;
import org.qat4j.datasets.TrainTest;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;
import org.qat4j.datasets.dl4j.ImageLayout;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.export.ExportOptions;
import org.qat4j.layers.weight.WeightQuantSpec;

/**
 * A small CNN trained on the embedded UCI digits (a fixed stratified split, seed 42: 1,438
 * training and 359 test images), fine-tuned with QAT at 8-bit and at 7-bit weights from the same
 * float network, and exported: conv 3x3 (8 channels, padding 1) + batch norm + ReLU, max pool
 * 2x2, dense 32 ReLU, dense 10. Trained once per test JVM and shared.
 */
final class DigitsModels {

  static final long SEED = 42;
  private static final int BATCH = 64;
  private static DigitsModels trained;

  /** The exported model with 8-bit per-channel weights. */
  final IntegerModel w8;
  /** The exported model with 7-bit per-channel weights, for ONNX Runtime's u8s8 kernels. */
  final IntegerModel w7;
  /** All 1,797 digits, test split first, one NCHW row of 64 pixels in [0, 1] each. */
  final float[] digits;
  /** Their labels. */
  final int[] labels;
  /** Uniform random images in [0, 1], as many as {@link #RANDOM_IMAGES}. */
  final float[] random;

  static final int RANDOM_IMAGES = 2000;

  private DigitsModels(IntegerModel w8, IntegerModel w7, float[] digits, int[] labels, float[] random) {
    this.w8 = w8;
    this.w7 = w7;
    this.digits = digits;
    this.labels = labels;
    this.random = random;
  }

  /** Trains on first use (about half a minute on two cores). */
  static synchronized DigitsModels get() throws Exception {
    if (trained == null) {
      trained = train();
    }
    return trained;
  }

  private static DigitsModels train() throws Exception {
    TrainTest data = Digits.load().split(0.2, SEED);
    PixelScaling scaling = PixelScaling.unitRange(Digits.MAX_PIXEL_VALUE);
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).weightInit(WeightInit.RELU)
        .updater(new Adam(4e-3)).list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1).activation(Activation.IDENTITY).name("conv")
            .build())
        .layer(new BatchNormalization.Builder().name("bn").build())
        .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("relu").build())
        .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool").build())
        .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).name("fc").build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
            .name("out").build())
        .setInputType(InputType.convolutional(8, 8, 1)).build();
    MultiLayerNetwork floatNet = new MultiLayerNetwork(conf);
    floatNet.init();
    floatNet.fit(train(data, scaling), 3);
    IntegerModel w8 = qat(floatNet, QatConfig.tfliteInt8(), data, scaling);
    IntegerModel w7 = qat(floatNet, QatConfig.builder().weight(WeightQuantSpec.perChannelSymmetric(7)).build(), data,
        scaling);

    float[] digits = new float[Digits.COUNT * 64];
    int[] labels = new int[Digits.COUNT];
    int row = 0;
    for (LabeledImages part : new LabeledImages[] {data.test(), data.train()}) {
      float[][] rows = part.toFloatRows(scaling);
      for (int i = 0; i < rows.length; i++, row++) {
        System.arraycopy(rows[i], 0, digits, row * 64, 64);
        labels[row] = part.label(i);
      }
    }
    SplittableRandom r = new SplittableRandom(SEED + 1);
    float[] random = new float[RANDOM_IMAGES * 64];
    for (int i = 0; i < random.length; i++) {
      random[i] = (float) r.nextDouble();
    }
    return new DigitsModels(w8, w7, digits, labels, random);
  }

  private static IntegerModel qat(MultiLayerNetwork floatNet, QatConfig config, TrainTest data, PixelScaling scaling) {
    MultiLayerNetwork qat = Qat.prepare(floatNet, config);
    Qat.calibrate(qat, train(data, scaling), 8);
    qat.fit(train(data, scaling), 1);
    return Qat.export(qat, ExportOptions.defaults().withImageInput(1, 8, 8).withClassLabels(Digits.CLASS_NAMES)
        .withDescription("digits CNN, " + config.weight().numBits() + "-bit weights"));
  }

  private static DataSetIterator train(TrainTest data, PixelScaling scaling) {
    return ImageDataSetIterator.shuffled(data.train(), BATCH, scaling, ImageLayout.NCHW, SEED);
  }
}
