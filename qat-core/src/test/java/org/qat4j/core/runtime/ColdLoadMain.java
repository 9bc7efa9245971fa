package org.qat4j.core.runtime;

import java.io.IOException;
import java.nio.file.Path;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.kernels.KernelSet;

/**
 * Run by {@link ColdLoadForkedTest} in a fresh JVM that traces call-site linkage: loads a model
 * file, creates an interpreter with the reference kernels and runs one image, prints a marker,
 * then makes one string concatenation of its own, so that the trace shows it can see one.
 */
public final class ColdLoadMain {

  /** Printed after the model has been loaded and run, before the deliberate concatenation. */
  static final String MARKER = "LOADED AND RAN";

  private ColdLoadMain() {}

  /** Loads {@code args[0]}, runs one image, prints the marker, then concatenates once. */
  public static void main(String[] args) throws IOException {
    IntegerModel model = IntegerModel.load(Path.of(args[0]));
    Interpreter interpreter = new Interpreter(model, KernelSet.reference(), 1);
    float[] image = new float[interpreter.inputSize()];
    for (int i = 0; i < image.length; i++) {
      image[i] = (i % 7) / 7f;
    }
    int top1 = interpreter.predict(image)[0];
    System.out.println(MARKER);
    System.out.println("control: class " + top1 + " at " + System.nanoTime()); // links a call site
  }
}
