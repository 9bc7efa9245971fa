package org.qat4j.bench.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.kernels.Conv2DKernel;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FullyConnectedKernel;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.PoolKernel;
import org.qat4j.core.kernels.PoolParams;
import org.qat4j.core.kernels.fast.FastKernels;
import org.qat4j.core.kernels.fast.Int8Gemm;
import org.qat4j.core.runtime.Interpreter;

/**
 * Where the engine's time goes, layer by layer: runs a benchmark model on one thread through an
 * {@link Interpreter} whose kernels are wrapped to add up the wall time of each call, and prints
 * a Markdown table of microseconds per call for each op, the rest of {@code run(float[])} (the
 * float edges: quantizing, transposing, dequantizing) and the total.
 *
 * <p>A profile, not a benchmark: {@code System.nanoTime} around each kernel call, which costs a
 * few tens of nanoseconds per op. The end-to-end figures to quote are the JMH ones ({@link
 * QatEngineInference}); this tells which layer to work on. Rounds after the first show the
 * steady state.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp qat-bench/target/benchmarks.jar
 * org.qat4j.bench.inference.LayerProfile [--model LENET|MLP] [--batch 1] [--kernels
 * fast|reference] [--rounds 3] [--seconds 2]}.
 */
public final class LayerProfile {

  private LayerProfile() {}

  /** Wall time of one op, added up by the wrapped kernels. */
  private static final class Timing {
    final String name;
    long nanos;

    Timing(String name) {
      this.name = name;
    }
  }

  /** Command-line entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    BenchModel model = BenchModel.LENET;
    int batch = 1;
    String kernelsName = "fast";
    int rounds = 3;
    double seconds = 2;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--model" -> model = BenchModel.valueOf(required(args[i], value).toUpperCase(Locale.ROOT));
        case "--batch" -> batch = Integer.parseInt(required(args[i], value));
        case "--kernels" -> kernelsName = required(args[i], value);
        case "--rounds" -> rounds = Integer.parseInt(required(args[i], value));
        case "--seconds" -> seconds = Double.parseDouble(required(args[i], value));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --model LENET|MLP, --batch N, --kernels fast|reference, --rounds N, --seconds S");
      }
      i++;
    }
    if (batch < 1 || rounds < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException("batch " + batch + ", rounds " + rounds + " and seconds " + seconds
          + " must all be positive");
    }
    KernelSet inner = switch (kernelsName) {
      case "fast" -> fastOnOneThread();
      case "reference" -> KernelSet.reference();
      default -> throw new IllegalArgumentException("kernels is '" + kernelsName + "'; use fast or reference");
    };
    IntegerModel int8 = IntegerModel.load(BenchModelFiles.ensure(model).int8Model());
    List<Timing> timings = new ArrayList<>();
    for (Op op : int8.graph().ops()) {
      if (op instanceof Conv2D || op instanceof FullyConnected || op instanceof MaxPool2D
          || op instanceof AveragePool2D) {
        timings.add(new Timing(op.getClass().getSimpleName() + " -> " + int8.graph().tensor(op.output()).name()));
      }
    }
    int[] next = new int[1]; // index of the op whose kernel runs next, reset before every run
    KernelSet timed = new KernelSet("timed " + inner.name(),
        timedFullyConnected(inner.fullyConnected(), timings, next),
        timedConv2D(inner.conv2D(), timings, next),
        timedPool(inner.maxPool(), timings, next),
        timedPool(inner.averagePool(), timings, next));
    Interpreter interpreter = new Interpreter(int8, timed, batch);
    float[] images = new float[batch * interpreter.inputSize()];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    float[] logits = new float[batch * interpreter.outputSize()];
    System.out.printf(Locale.ROOT, "%s, batch %d, %s kernels (%s), one thread%n%n", model, batch, kernelsName,
        kernelsName.equals("fast") ? Int8Gemm.defaultVariant() : "plain loops");
    for (int round = 1; round <= rounds; round++) {
      for (Timing t : timings) {
        t.nanos = 0;
      }
      long runs = 0;
      long start = System.nanoTime();
      long deadline = start + (long) (seconds * 1e9);
      long now;
      do {
        next[0] = 0;
        interpreter.run(images, batch, logits);
        runs++;
        now = System.nanoTime();
      } while (now < deadline);
      print(round, timings, runs, now - start, batch);
    }
  }

  private static KernelSet fastOnOneThread() {
    Int8Gemm gemm = Int8Gemm.create(1);
    gemm.warmUp();
    return FastKernels.kernelSet(gemm);
  }

  private static void print(int round, List<Timing> timings, long runs, long nanos, int batch) {
    double perRun = nanos / 1e3 / runs;
    System.out.printf(Locale.ROOT, "Round %d: %d runs, %.1f us per run, %.0f img/s%n%n", round, runs, perRun,
        runs * batch * 1e9 / nanos);
    System.out.println("| op | us per run | share |");
    System.out.println("|---|---|---|");
    double kernels = 0;
    for (Timing t : timings) {
      double us = t.nanos / 1e3 / runs;
      kernels += us;
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f%% |%n", t.name, us, 100 * us / perRun);
    }
    double rest = perRun - kernels;
    System.out.printf(Locale.ROOT, "| float edges and the rest of run() | %.1f | %.0f%% |%n", rest, 100 * rest / perRun);
    System.out.printf(Locale.ROOT, "| total | %.1f | 100%% |%n%n", perRun);
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static void record(List<Timing> timings, int[] next, long start) {
    long end = System.nanoTime();
    Timing t = timings.get(next[0]++);
    t.nanos += end - start;
  }

  private static FullyConnectedKernel timedFullyConnected(FullyConnectedKernel k, List<Timing> timings, int[] next) {
    return (params, batches, input, output) -> {
      long start = System.nanoTime();
      k.fullyConnected(params, batches, input, output);
      record(timings, next, start);
    };
  }

  private static Conv2DKernel timedConv2D(Conv2DKernel k, List<Timing> timings, int[] next) {
    return (ConvParams params, int batches, byte[] input, byte[] output) -> {
      long start = System.nanoTime();
      k.conv2D(params, batches, input, output);
      record(timings, next, start);
    };
  }

  private static PoolKernel timedPool(PoolKernel k, List<Timing> timings, int[] next) {
    return (PoolParams params, int batches, byte[] input, byte[] output) -> {
      long start = System.nanoTime();
      k.pool(params, batches, input, output);
      record(timings, next, start);
    };
  }
}
