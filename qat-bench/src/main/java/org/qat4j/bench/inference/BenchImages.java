package org.qat4j.bench.inference;

import java.util.SplittableRandom;

/**
 * Synthetic labelled 28x28x1 images, drawn from a seed, that the benchmark models are briefly
 * trained on and run with. Class {@code c} is a bright 5x5 square at one of ten places (two rows
 * of five) on uniform noise:
 *
 * <pre>
 *   pixel = u,          u uniform in [0, 0.6), everywhere
 *   pixel = u + 0.4     inside the square of the image's class: rows 4 + 12 (c / 5) .. +4,
 *                       columns 1 + 5 (c % 5) .. +4
 * </pre>
 *
 * <p>Inference costs the same whatever the values; the classes are there so that the trained
 * networks give confident, varied answers and a broken int8 model shows up as disagreement (an
 * untrained network answers nearly every image with the same one or two classes, with margins a
 * quantization step can flip).
 *
 * @param pixels {@code batch * 784} values in [0, 1], one row per image in DL4J's NCHW order
 *     (also the engine's input layout for these models)
 * @param labels the class of each image, in [0, 10)
 */
public record BenchImages(float[] pixels, int[] labels) {

  /** Seed of the benchmark batches. */
  public static final long SEED = 0x1A6E5L;

  private static final int SQUARE = 5;
  private static final float NOISE = 0.6f;
  private static final float SIGNAL = 0.4f;

  /** Checks that there is one label per image. */
  public BenchImages {
    if (pixels.length != labels.length * BenchModel.INPUT_SIZE) {
      throw new IllegalArgumentException(pixels.length + " pixels are not " + labels.length + " images of "
          + BenchModel.INPUT_SIZE);
    }
  }

  /**
   * {@code batch} images with random classes.
   *
   * @param batch images, at least 1
   * @param seed the random seed
   * @throws IllegalArgumentException if batch is below 1
   */
  public static BenchImages random(int batch, long seed) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch " + batch + " is below 1; use 1 or more images");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int side = BenchModel.IMAGE_SIDE;
    float[] pixels = new float[batch * BenchModel.INPUT_SIZE];
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      int c = rnd.nextInt(BenchModel.CLASSES);
      labels[b] = c;
      int top = 4 + 12 * (c / 5);
      int left = 1 + 5 * (c % 5);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          // (float) rounds the double to nearest even; noise + signal stays below 1.
          float u = (float) (rnd.nextDouble() * NOISE);
          boolean inSquare = y >= top && y < top + SQUARE && x >= left && x < left + SQUARE;
          pixels[b * BenchModel.INPUT_SIZE + y * side + x] = inSquare ? u + SIGNAL : u;
        }
      }
    }
    return new BenchImages(pixels, labels);
  }
}
