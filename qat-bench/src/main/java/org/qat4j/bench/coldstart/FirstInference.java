package org.qat4j.bench.coldstart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.fast.FastKernels;
import org.qat4j.core.kernels.fast.Int8Gemm;
import org.qat4j.core.runtime.Interpreter;

/**
 * The program whose start-up {@link ColdStart} times: load a {@code .qat4j} file, run one image,
 * print the class. It uses qat-core and the JDK only, so it runs with nothing but the qat-core jar
 * (and this one class) on the class path, as a device would run it. No nested classes: {@link
 * ColdStart} copies this single class file out of the benchmark jar.
 *
 * <p>Usage: {@code java -cp qat-core.jar:DIR org.qat4j.bench.coldstart.FirstInference MODEL KERNELS},
 * KERNELS one of {@code fast} ({@code new Interpreter(model)}: the shared fast kernels, which
 * warm up on a background thread and run the reference kernels until then), {@code reference} (the
 * reference kernels alone) or {@code none} (print and exit at once: the JVM's own start-up). Prints
 * the result line, {@code top1=<class> ...} with the microseconds spent loading the file, creating
 * the interpreter and running the image, and the Java version; then a line naming the kernels and,
 * for {@code fast}, the microseconds from the start of {@code main} until the fast kernels were
 * warm (the child waits for that after the result).
 */
public final class FirstInference {

  private FirstInference() {}

  /** Runs one image; exits with status 2 on wrong arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    long entered = System.nanoTime();
    if (args.length != 2 || !(args[1].equals("fast") || args[1].equals("reference") || args[1].equals("none"))) {
      System.err.println("usage: FirstInference <model.qat4j> fast|reference|none");
      System.exit(2);
    }
    // The result lines are built with StringBuilder: the first '+' concatenation in a JVM costs
    // 40-130 ms of invokedynamic bootstrapping (measured here), a cost of this harness, not of
    // qat-core, which would otherwise be added to every variant.
    if (args[1].equals("none")) {
      System.out.println(new StringBuilder("top1=-1 kernels=none java=").append(System.getProperty("java.version")));
      return;
    }
    IntegerModel model = IntegerModel.load(Path.of(args[0]));
    long loaded = System.nanoTime();
    boolean fast = args[1].equals("fast");
    Interpreter interpreter = fast ? new Interpreter(model) : new Interpreter(model, KernelSet.reference(), 1);
    long ready = System.nanoTime();
    int top1 = interpreter.predict(image(interpreter.inputSize()))[0];
    long done = System.nanoTime();
    System.out.println(new StringBuilder("top1=").append(top1).append(" load_us=").append((loaded - entered) / 1000)
        .append(" interpreter_us=").append((ready - loaded) / 1000).append(" inference_us=")
        .append((done - ready) / 1000).append(" java=").append(System.getProperty("java.version")));
    // After the result, so that none of this delays it: the kernels, and when the shared fast set
    // finished warming up in the background (it ran the reference kernels until then).
    if (fast) {
      String warm;
      try {
        if (!FastKernels.awaitSharedWarmUp(1, TimeUnit.MINUTES)) {
          System.err.println("the fast kernels did not warm up within a minute");
          System.exit(1);
        }
        warm = " fast_ready_us=" + (System.nanoTime() - entered) / 1000;
      } catch (NoSuchMethodError e) {
        warm = " fast_ready_us=" + (ready - entered) / 1000; // an older qat-core: warmed up in the constructor
      }
      System.out.println("kernels=fast-" + Int8Gemm.defaultVariant() + warm);
    } else {
      System.out.println("kernels=reference");
    }
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
