package org.qat4j.bench.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.io.AtomicFiles;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.export.ExportOptions;

/**
 * Builds a benchmark model as a user would: the DL4J float network (weights from {@link
 * #WEIGHT_SEED}, briefly trained on {@link BenchImages} so that its answers are confident and
 * varied), {@code Qat.prepare(net, QatConfig.tfliteInt8())}, {@code Qat.calibrate} on such
 * images, {@code Qat.export}. The float network is the peer the int8 model is compared with; the
 * QAT network is not kept (no QAT fine-tuning: the engine's speed does not depend on it).
 */
public final class BenchModelBuilder {

  /** Seed of the float network's weights. */
  public static final long WEIGHT_SEED = 42;
  /** Seed of the training and calibration images (not those of the benchmark batches). */
  public static final long TRAINING_SEED = 7;
  /** Float training steps, one batch each. */
  public static final int TRAINING_STEPS = 40;
  /** Calibration batches. */
  public static final int CALIBRATION_BATCHES = 8;
  /** Images per training and calibration batch. */
  public static final int BATCH_SIZE = 32;

  private BenchModelBuilder() {}

  /**
   * Builds both files of {@code files}, each written to a temporary name and renamed.
   *
   * @throws IOException if a file cannot be written
   */
  public static void build(BenchModelFiles files) throws IOException {
    BenchModel model = files.model();
    MultiLayerNetwork floatNet = newFloatNetwork(model, WEIGHT_SEED);
    for (int step = 0; step < TRAINING_STEPS; step++) {
      floatNet.fit(dataSet(model, TRAINING_SEED + step));
    }
    MultiLayerNetwork qat = Qat.prepare(floatNet, QatConfig.tfliteInt8());
    Qat.calibrate(qat, calibrationData(model), CALIBRATION_BATCHES);
    IntegerModel int8 = Qat.export(qat, exportOptions(model));
    Path dir = files.floatNetwork().toAbsolutePath().getParent();
    Files.createDirectories(dir);
    AtomicFiles.write(files.floatNetwork(), tmp -> ModelSerializer.writeModel(floatNet, tmp.toFile(), false));
    int8.save(files.int8Model());
  }

  /** A new initialized float network of {@code model} with weights drawn from {@code seed}. */
  public static MultiLayerNetwork newFloatNetwork(BenchModel model, long seed) {
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(seed)
        .weightInit(WeightInit.RELU).updater(new Adam(1e-3)).list();
    int side = BenchModel.IMAGE_SIDE;
    MultiLayerConfiguration conf = switch (model) {
      case LENET -> layers
          .layer(new ConvolutionLayer.Builder(5, 5).nOut(20).stride(1, 1).activation(Activation.RELU).name("conv1")
              .build())
          .layer(maxPool("pool1"))
          .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).stride(1, 1).activation(Activation.RELU).name("conv2")
              .build())
          .layer(maxPool("pool2"))
          .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).name("fc1").build())
          .layer(output())
          .setInputType(InputType.convolutional(side, side, 1)).build();
      case MLP -> layers
          .layer(new DenseLayer.Builder().nOut(512).activation(Activation.RELU).name("fc1").build())
          .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).name("fc2").build())
          .layer(output())
          .setInputType(InputType.feedForward(BenchModel.INPUT_SIZE)).build();
    };
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * What the exporter needs besides the network: the image shape for the CNN (a network built
   * from {@code InputType.convolutional} does not record it) and the model's description.
   */
  static ExportOptions exportOptions(BenchModel model) {
    ExportOptions options = ExportOptions.defaults()
        .withDescription(model.description() + " (random weights, benchmark model " + BenchModelFiles.RECIPE + ")");
    return model == BenchModel.LENET ? options.withImageInput(1, BenchModel.IMAGE_SIDE, BenchModel.IMAGE_SIDE)
        : options;
  }

  /** The first training batches again: calibration sees the distribution the network was trained on. */
  private static ListDataSetIterator<DataSet> calibrationData(BenchModel model) {
    List<DataSet> batches = new ArrayList<>();
    for (int b = 0; b < CALIBRATION_BATCHES; b++) {
      batches.add(dataSet(model, TRAINING_SEED + b));
    }
    return new ListDataSetIterator<>(batches, 1);
  }

  private static DataSet dataSet(BenchModel model, long seed) {
    BenchImages images = BenchImages.random(BATCH_SIZE, seed);
    INDArray labels = Nd4j.zeros(BATCH_SIZE, BenchModel.CLASSES);
    for (int i = 0; i < BATCH_SIZE; i++) {
      labels.putScalar(i, images.labels()[i], 1.0);
    }
    return new DataSet(Nd4j.create(images.pixels(), model.dl4jInputShape(BATCH_SIZE), 'c'), labels);
  }

  private static SubsamplingLayer maxPool(String name) {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name(name)
        .build();
  }

  private static OutputLayer output() {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(BenchModel.CLASSES)
        .activation(Activation.SOFTMAX).name("out").build();
  }
}
