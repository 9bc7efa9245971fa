package org.qat4j.bench.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qat4j.bench.JmhCsv;

/**
 * Turns a JMH CSV result file of the end-to-end benchmarks ({@link QatEngineInference}, {@link
 * Dl4jInference}, {@link OrtInference}, and any runtime added the same way) into Markdown: per
 * model, batch and thread count, images per second (batch / mean time per call), p50 and p99
 * latency per call, and the ratios to DL4J's float {@code output()} measured in the same run;
 * then the LeNet targets, the engine against each ONNX Runtime form with its batch-1 target, and
 * the model file sizes.
 *
 * <p>Usage: {@code java -cp qat-bench/target/benchmarks.jar org.qat4j.bench.inference.InferenceReport
 * result.csv [models-directory]} (the directory defaults to {@link BenchModelFiles#defaultDirectory()}).
 */
public final class InferenceReport {

  /** The peer every ratio is taken against. */
  public static final String BASELINE = "Dl4jInference.output";
  /** The engine as a user calls it, float in and float out: the runtime the targets are about. */
  public static final String ENGINE = "QatEngineInference.floatToFloat";
  /** Target for LeNet: the engine's images per second over DL4J's, at batch 64. */
  public static final double TARGET_BATCH_64 = 3.0;
  /** Target for LeNet: the same ratio at batch 1. */
  public static final double TARGET_BATCH_1 = 10.0;
  /** ONNX Runtime on the float form of the same model: its float peer. */
  public static final String ORT_FLOAT = "OrtInference.floatModel";
  /** ONNX Runtime's int8 runtimes, on the QDQ and the QOperator form. */
  public static final List<String> ORT_INT8 = List.of("OrtInference.int8Qdq", "OrtInference.int8QOperator");
  /**
   * Target for every model at batch 1: the engine's images per second over the faster of ONNX
   * Runtime's int8 runtimes, at least on par.
   */
  public static final double TARGET_VS_ORT_INT8_BATCH_1 = 1.0;

  private InferenceReport() {}

  /** One parameter set of the benchmarks. */
  record Key(String model, int batch, int threads) {}

  /**
   * One runtime's result for one parameter set, times in microseconds per call.
   *
   * @param runtime {@code Class.method}, e.g. {@code QatEngineInference.floatToFloat}
   */
  record Result(String runtime, Key key, long samples, double meanMicros, double errorMicros, double p50Micros,
      double p99Micros) {

    double imagesPerSecond() {
      return key.batch() * 1e6 / meanMicros;
    }
  }

  /** Prints the report for the CSV file named by the first argument. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: InferenceReport <jmh-result.csv> [models-directory]  (write it with -rf csv -rff <file>)");
      System.exit(2);
    }
    List<Result> results = parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
    Path models = args.length == 2 ? Path.of(args[1]) : BenchModelFiles.defaultDirectory();
    System.out.print(table(results));
    System.out.println();
    System.out.print(targets(results));
    System.out.println();
    System.out.print(versusOrt(results));
    System.out.println();
    System.out.print(ortTargets(results));
    System.out.println();
    System.out.print(sizes(models));
  }

  /**
   * Reads JMH's CSV of {@code Mode.SampleTime} benchmarks: a line per benchmark and parameter set
   * with the mean, then one per percentile ({@code name:p0.50}, ...).
   *
   * @throws IllegalArgumentException if a column is missing, a benchmark was not run in sample
   *     mode, a unit is not a time per call, or a p50 or p99 line is missing
   */
  static List<Result> parse(List<String> lines) {
    List<String> header = JmhCsv.header(lines);
    String hint = "run the benchmarks of org.qat4j.bench.inference, which have these parameters";
    int benchmark = JmhCsv.column(header, "Benchmark", hint);
    int mode = JmhCsv.column(header, "Mode", hint);
    int samples = JmhCsv.column(header, "Samples", hint);
    int score = JmhCsv.column(header, "Score", hint);
    int error = JmhCsv.column(header, "Score Error (99.9%)", hint);
    int unit = JmhCsv.column(header, "Unit", hint);
    int model = JmhCsv.column(header, "Param: model", hint);
    int batch = JmhCsv.column(header, "Param: batch", hint);
    int threads = JmhCsv.column(header, "Param: threads", hint);
    Map<String, double[]> primary = new LinkedHashMap<>(); // runtime|key -> samples, mean, error
    Map<String, Double> percentiles = new LinkedHashMap<>(); // runtime|key|p -> value
    Map<String, Key> keys = new LinkedHashMap<>();
    Map<String, String> runtimes = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = JmhCsv.split(line);
      String fullName = f.get(benchmark);
      int colon = fullName.indexOf(':');
      String method = colon < 0 ? fullName : fullName.substring(0, colon);
      String runtime = JmhCsv.shortName(method);
      if (!f.get(mode).equals("sample")) {
        throw new IllegalArgumentException(runtime + " ran in mode " + f.get(mode)
            + ", not sample; run the benchmarks as configured (Mode.SampleTime) for percentiles");
      }
      Key key = new Key(f.get(model), Integer.parseInt(f.get(batch)), Integer.parseInt(f.get(threads)));
      String id = runtime + "|" + key;
      double toMicros = microsPer(f.get(unit));
      if (colon < 0) {
        keys.put(id, key);
        runtimes.put(id, runtime);
        primary.put(id, new double[] {Double.parseDouble(f.get(samples)), Double.parseDouble(f.get(score)) * toMicros,
            JmhCsv.parseOrNaN(f.get(error)) * toMicros});
      } else {
        percentiles.put(id + "|" + fullName.substring(colon + 1), Double.parseDouble(f.get(score)) * toMicros);
      }
    }
    List<Result> results = new ArrayList<>();
    for (Map.Entry<String, double[]> e : primary.entrySet()) {
      String id = e.getKey();
      double[] v = e.getValue();
      results.add(new Result(runtimes.get(id), keys.get(id), (long) v[0], v[1], v[2], percentile(percentiles, id, "p0.50"),
          percentile(percentiles, id, "p0.99")));
    }
    results.sort(Comparator.comparing((Result r) -> r.key().model()).thenComparingInt(r -> r.key().batch())
        .thenComparingInt(r -> r.key().threads())
        .thenComparing(r -> r.runtime().equals(BASELINE) ? "" : r.runtime()));
    return results;
  }

  private static double percentile(Map<String, Double> percentiles, String id, String p) {
    Double v = percentiles.get(id + "|" + p);
    if (v == null) {
      throw new IllegalArgumentException("no " + p + " line for " + id.replace('|', ' ')
          + "; the CSV must hold JMH's sample-mode percentile lines");
    }
    return v;
  }

  private static double microsPer(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-3;
      case "us/op" -> 1.0;
      case "ms/op" -> 1e3;
      case "s/op" -> 1e6;
      default -> throw new IllegalArgumentException("unit " + unit + " is not a time per call (ns/op, us/op, ms/op, s/op)");
    };
  }

  /** The Markdown table: one line per result, ratios to the DL4J peer of the same parameters. */
  static String table(List<Result> results) {
    Map<Key, Result> baseline = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.runtime().equals(BASELINE)) {
        baseline.put(r.key(), r);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("| model | batch | threads | runtime | img/s | mean us/call | p50 us | p99 us | img/s vs DL4J | p50 vs DL4J |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      Result base = baseline.get(r.key());
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %,.0f | %,.1f ± %,.1f | %,.1f | %,.1f | %s | %s |%n",
          r.key().model(), r.key().batch(), r.key().threads(), r.runtime(), r.imagesPerSecond(), r.meanMicros(),
          r.errorMicros(), r.p50Micros(), r.p99Micros(),
          base == null ? "-" : String.format(Locale.ROOT, "%.2fx", base.meanMicros() / r.meanMicros()),
          base == null ? "-" : String.format(Locale.ROOT, "%.2fx", base.p50Micros() / r.p50Micros())));
    }
    return sb.toString();
  }

  /** The LeNet targets: the engine's images per second over DL4J's, per batch and thread count found. */
  static String targets(List<Result> results) {
    Map<Key, Result> baseline = new LinkedHashMap<>();
    Map<Key, Result> engine = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.key().model().equals(BenchModel.LENET.name())) {
        if (r.runtime().equals(BASELINE)) {
          baseline.put(r.key(), r);
        } else if (r.runtime().equals(ENGINE)) {
          engine.put(r.key(), r);
        }
      }
    }
    StringBuilder sb = new StringBuilder("Targets (LeNet, " + ENGINE + " img/s over " + BASELINE + "):\n");
    int lines = 0;
    for (Map.Entry<Key, Result> e : engine.entrySet()) {
      Key k = e.getKey();
      Result base = baseline.get(k);
      double target = k.batch() == 64 ? TARGET_BATCH_64 : k.batch() == 1 ? TARGET_BATCH_1 : Double.NaN;
      if (base == null || Double.isNaN(target)) {
        continue;
      }
      double ratio = base.meanMicros() / e.getValue().meanMicros();
      sb.append(String.format(Locale.ROOT, "- batch %d, %d thread%s: %.2fx (target >= %.0fx): %s%n", k.batch(),
          k.threads(), k.threads() == 1 ? "" : "s", ratio, target, ratio >= target ? "met" : "MISSED"));
      lines++;
    }
    if (lines == 0) {
      sb.append("- no LeNet result at batch 1 or 64 with both runtimes in this file\n");
    }
    return sb.toString();
  }

  /**
   * The engine against ONNX Runtime, per parameter set with both: the engine's images per second
   * over ONNX Runtime's for the float form and each int8 form (ORT's mean / the engine's mean),
   * p50 ratio in brackets.
   */
  static String versusOrt(List<Result> results) {
    Map<Key, Map<String, Result>> byKey = byKey(results);
    StringBuilder sb = new StringBuilder("Engine (" + ENGINE + ") against ONNX Runtime: img/s ratio"
        + " (p50 ratio)\n\n");
    sb.append("| model | batch | threads | engine img/s | vs ORT float | vs ORT QDQ int8 | vs ORT QOperator int8 |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    int lines = 0;
    for (Map.Entry<Key, Map<String, Result>> e : byKey.entrySet()) {
      Result engine = e.getValue().get(ENGINE);
      boolean anyOrt = e.getValue().containsKey(ORT_FLOAT) || ORT_INT8.stream().anyMatch(e.getValue()::containsKey);
      if (engine == null || !anyOrt) {
        continue;
      }
      Key k = e.getKey();
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %s | %s | %s |%n", k.model(), k.batch(), k.threads(),
          engine.imagesPerSecond(), ratios(e.getValue().get(ORT_FLOAT), engine),
          ratios(e.getValue().get(ORT_INT8.get(0)), engine), ratios(e.getValue().get(ORT_INT8.get(1)), engine)));
      lines++;
    }
    if (lines == 0) {
      sb.append("| (no parameter set with both the engine and ONNX Runtime in this file) | | | | | | |\n");
    }
    return sb.toString();
  }

  private static String ratios(Result peer, Result engine) {
    return peer == null ? "-" : String.format(Locale.ROOT, "%.2fx (%.2fx)", peer.meanMicros() / engine.meanMicros(),
        peer.p50Micros() / engine.p50Micros());
  }

  /**
   * The target against ONNX Runtime: at batch 1, for every model and thread count found, the
   * engine's images per second over the faster of ONNX Runtime's int8 runtimes.
   */
  static String ortTargets(List<Result> results) {
    StringBuilder sb = new StringBuilder("Targets (batch 1, " + ENGINE + " img/s over the faster of "
        + String.join(" and ", ORT_INT8) + "):\n");
    int lines = 0;
    for (Map.Entry<Key, Map<String, Result>> e : byKey(results).entrySet()) {
      Key k = e.getKey();
      Result engine = e.getValue().get(ENGINE);
      Result fastest = null;
      for (String ort : ORT_INT8) {
        Result r = e.getValue().get(ort);
        fastest = r != null && (fastest == null || r.meanMicros() < fastest.meanMicros()) ? r : fastest;
      }
      if (k.batch() != 1 || engine == null || fastest == null) {
        continue;
      }
      double ratio = fastest.meanMicros() / engine.meanMicros();
      sb.append(String.format(Locale.ROOT, "- %s, %d thread%s: %.2fx over %s (target >= %.0fx): %s%n", k.model(),
          k.threads(), k.threads() == 1 ? "" : "s", ratio, fastest.runtime(), TARGET_VS_ORT_INT8_BATCH_1,
          ratio >= TARGET_VS_ORT_INT8_BATCH_1 ? "met" : "MISSED"));
      lines++;
    }
    if (lines == 0) {
      sb.append("- no batch-1 result with both the engine and an ONNX Runtime int8 runtime in this file\n");
    }
    return sb.toString();
  }

  /** The results grouped by parameter set, in the order of {@code results}. */
  private static Map<Key, Map<String, Result>> byKey(List<Result> results) {
    Map<Key, Map<String, Result>> byKey = new LinkedHashMap<>();
    for (Result r : results) {
      byKey.computeIfAbsent(r.key(), k -> new LinkedHashMap<>()).put(r.runtime(), r);
    }
    return byKey;
  }

  /** Model file sizes: the DL4J float zip against the .qat4j file, for each model built in {@code dir}. */
  static String sizes(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("| model | DL4J float zip | .qat4j | ratio |\n|---|---|---|---|\n");
    int lines = 0;
    for (BenchModel m : BenchModel.values()) {
      BenchModelFiles files = BenchModelFiles.in(dir, m);
      if (files.exist()) {
        long zip = files.floatNetworkBytes();
        long int8 = files.int8ModelBytes();
        sb.append(String.format(Locale.ROOT, "| %s | %,d B | %,d B | %.2fx smaller |%n", m, zip, int8,
            (double) zip / int8));
        lines++;
      }
    }
    if (lines == 0) {
      sb.append("| (no model files in ").append(dir).append(") | | | |\n");
    }
    return sb.toString();
  }
}
