package org.qat4j.core.kernels.fast;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.TestGraphs;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.runtime.Interpreter;

/**
 * Run by {@link SharedKernelsForkedTest} in JVMs started with different compiler flags: prints
 * whether C2 is on as {@link FastKernels.OptimizingCompiler} sees it and, unless the argument is
 * {@code flags-only}, the variant the shared set switched to after its warm-up, checking a model
 * against the reference kernels on it. Exits 0 only if everything ran and matched.
 */
public final class SharedKernelsMain {

  private SharedKernelsMain() {}

  /** See the class comment. */
  public static void main(String[] args) throws InterruptedException {
    System.out.println("optimizing compiler: " + FastKernels.OptimizingCompiler.enabled());
    if (args.length > 0 && args[0].equals("flags-only")) {
      return;
    }
    IntegerModel model = new IntegerModel(TestGraphs.smallCnn(4), ModelMetadata.create("test", List.of(),
        InputLayout.NHWC));
    Interpreter shared = new Interpreter(model);
    Interpreter reference = new Interpreter(model, KernelSet.reference(), 1);
    float[] x = new float[7 * reference.inputSize()];
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 5 - 2);
    }
    boolean same = Arrays.equals(reference.run(x), shared.run(x)); // most likely during the warm-up
    if (!FastKernels.awaitSharedWarmUp(2, TimeUnit.MINUTES)) {
      System.out.println("FAIL: no warm-up within 2 minutes");
      System.exit(1);
    }
    same &= Arrays.equals(reference.run(x), shared.run(x));
    System.out.println("shared variant: " + FastKernels.sharedVariant());
    System.out.println("same as reference: " + same);
    System.exit(same ? 0 : 1);
  }
}
