package org.qat4j.bench.coldstart;

import java.io.IOException;
import java.nio.file.Path;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.fast.Int8Gemm;
import org.qat4j.core.runtime.Interpreter;

/**
 * The program whose start-up {@link ColdStart} times: load a {@code .qat4j} file, run one image,
 * print the class. It uses qat-core and the JDK only, so it runs with nothing but the qat-core jar
 * (and this one class) on the class path, as a device would run it. No nested classes: {@link
 * ColdStart} copies this single class file out of the benchmark jar.
 *
 * <p>Usage: {@code java -cp qat-core.jar:DIR org.qat4j.bench.coldstart.FirstInference MODEL KERNELS},
 * KERNELS one of {@code fast} ({@code new Interpreter(model)}: the shared fast kernels, warmed up
 * on creation), {@code reference} (the reference kernels, no warm-up) or {@code none} (print and
 * exit at once: the JVM's own start-up). Prints one line, {@code top1=<class> ...} with the
 * microseconds spent loading the file, creating the interpreter and running the image, and the
 * Java version.
 */
public final class FirstInference {

  private FirstInference() {}

  /** Runs one image; exits with status 2 on wrong arguments. */
  public static void main(String[] args) throws IOException {
    long entered = System.nanoTime();
    if (args.length != 2 || !(args[1].equals("fast") || args[1].equals("reference") || args[1].equals("none"))) {
      System.err.println("usage: FirstInference <model.qat4j> fast|reference|none");
      System.exit(2);
    }
    if (args[1].equals("none")) {
      System.out.println("top1=-1 kernels=none java=" + System.getProperty("java.version"));
      return;
    }
    IntegerModel model = IntegerModel.load(Path.of(args[0]));
    long loaded = System.nanoTime();
    Interpreter interpreter = args[1].equals("fast") ? new Interpreter(model)
        : new Interpreter(model, KernelSet.reference(), 1);
    long ready = System.nanoTime();
    int top1 = interpreter.predict(image(interpreter.inputSize()))[0];
    long done = System.nanoTime();
    String kernels = args[1].equals("fast") ? "fast-" + Int8Gemm.defaultVariant() : "reference";
    System.out.println("top1=" + top1 + " kernels=" + kernels + " load_us=" + (loaded - entered) / 1000
        + " interpreter_us=" + (ready - loaded) / 1000 + " inference_us=" + (done - ready) / 1000
        + " java=" + System.getProperty("java.version"));
  }

  /** The image the child runs: a fixed pattern in [0, 1] (any values cost the same). */
  static float[] image(int size) {
    float[] image = new float[size];
    for (int i = 0; i < size; i++) {
      image[i] = (i % 29) / 28f;
    }
    return image;
  }
}
