package org.qat4j.bench.inference;

import java.util.Locale;

/**
 * The networks the end-to-end benchmarks run, each as a DL4J float network (the peer) and as the
 * int8 model qat4j's exporter makes of it ({@link BenchModelFiles}, built by {@link
 * BenchModelBuilder}). Both take 28x28x1 images, 784 floats per example in DL4J's NCHW order
 * (for the MLP, the flat row).
 *
 * <p>This type names the models only; it loads no DL4J class, so an engine benchmark that finds
 * its model files built never loads ND4J.
 */
public enum BenchModel {

  /**
   * LeNet-5 shape: input 28x28x1, convolution 5x5 with 20 channels (stride 1, no padding, ReLU),
   * max pool 2x2 stride 2, convolution 5x5 with 50 channels (ReLU), max pool 2x2 stride 2, dense
   * 500 (ReLU), dense 10 (softmax). 431,080 parameters; 2,293,000 multiply-adds per image.
   */
  LENET("LeNet-5 size CNN: 28x28x1, conv 5x5x20 ReLU, max pool 2, conv 5x5x50 ReLU, max pool 2, dense 500 ReLU,"
      + " dense 10 softmax"),

  /**
   * Three dense layers, 784-512-256-10: dense 512 (ReLU), dense 256 (ReLU), dense 10 (softmax).
   * 535,818 parameters; 535,040 multiply-adds per image.
   */
  MLP("MLP 784-512-256-10: dense 512 ReLU, dense 256 ReLU, dense 10 softmax");

  /** Image side: both models take 28x28 single-channel images. */
  public static final int IMAGE_SIDE = 28;
  /** Values per example, {@code 28 * 28 * 1}. */
  public static final int INPUT_SIZE = IMAGE_SIDE * IMAGE_SIDE;
  /** Classes, the width of the last layer. */
  public static final int CLASSES = 10;

  private final String description;

  BenchModel(String description) {
    this.description = description;
  }

  /** What the network is, layer by layer, for reports and the model file. */
  public String description() {
    return description;
  }

  /** Lower-case name used in file names. */
  public String fileStem() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The shape of a DL4J input array for {@code batch} examples: {@code [batch, 1, 28, 28]} for the
   * CNN, {@code [batch, 784]} for the MLP. Either way the C-order values are the same rows.
   */
  public long[] dl4jInputShape(int batch) {
    return this == LENET ? new long[] {batch, 1, IMAGE_SIDE, IMAGE_SIDE} : new long[] {batch, INPUT_SIZE};
  }
}
