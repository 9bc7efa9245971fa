package org.qat4j.bench.coldstart;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.qat4j.bench.inference.BenchModel;
import org.qat4j.bench.inference.BenchModelFiles;

/**
 * JVM cold start to the first inference, with only qat-core on the class path: launches {@link
 * FirstInference} (copied alone into a jar) as a new {@code java} process again and again and times each launch from just
 * before {@code ProcessBuilder.start()} to the moment its result line is read. Each {@link Variant}
 * (JVM flags and kernels) is launched once untimed (so every variant finds the jars in the page
 * cache), then {@code --runs} times, round robin so that load from other work falls on all alike.
 * Prints a Markdown table: median, p90 and min (nearest rank) of the wall time, and the medians
 * of the phases the child reports.
 *
 * <p>Usage: {@code java -cp qat-bench/target/benchmarks.jar org.qat4j.bench.coldstart.ColdStart
 * [--runs 20] [--core qat-core/target/qat-core-VERSION.jar] [--model FILE.qat4j] [--java PATH]
 * [--baseline-core OTHER.jar]}. The model defaults to the LeNet benchmark model (built first if
 * missing), the jar to the one {@code mvn package} leaves in {@code qat-core/target/}, java to the
 * running JVM's. {@code --baseline-core} also launches every engine variant with another qat-core
 * jar (say, one built from an earlier commit), marked {@code [baseline]}, in the same rounds: a
 * before/after comparison under the same load.
 */
public final class ColdStart {

  /** The target, milliseconds from launch to the first result. */
  public static final double TARGET_MILLIS = 300;

  private ColdStart() {}

  /**
   * One way of starting the child.
   *
   * @param name short label
   * @param jvmFlags flags before the class path
   * @param kernels the child's kernels argument (fast, reference, none)
   */
  record Variant(String name, List<String> jvmFlags, String kernels) {

    Variant {
      jvmFlags = List.copyOf(jvmFlags);
    }
  }

  /** The usual start-up flags: C1 only, the serial collector. */
  static final List<String> QUICK_START_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** The flag that resolves the Vector API module, for the fast kernels' Vector API variant. */
  static final String VECTOR_API_FLAG = "--add-modules=jdk.incubator.vector";

  /**
   * Flags for a long-running process with the Vector API: the serial collector, but C2 on (the
   * Vector API kernels need it; with C1 alone the shared fast set falls back to scalar).
   */
  static final List<String> VECTOR_SERIAL_FLAGS = List.of("-XX:+UseSerialGC", VECTOR_API_FLAG);

  /**
   * The variants measured: the JVM alone, then the engine with each kernel choice, then flags that
   * shorten start-up: C1 only with the serial collector, and an application class-data archive
   * on top of them ({@code referenceArchive}, written by one training launch of the reference
   * kernels with the same flags and {@code -XX:ArchiveClassesAtExit}); and the fast kernels with
   * the Vector API, the serial collector and their own archive ({@code fastArchive}, trained the
   * same way with the fast kernels).
   */
  static List<Variant> variants(Path referenceArchive, Path fastArchive) {
    return List.of(
        new Variant("JVM start only (no model)", List.of(), "none"),
        new Variant("reference kernels", List.of(), "reference"),
        new Variant("fast kernels, scalar", List.of(), "fast"),
        new Variant("fast kernels, Vector API", List.of(VECTOR_API_FLAG), "fast"),
        new Variant("reference kernels, C1, Serial GC", QUICK_START_FLAGS, "reference"),
        new Variant("reference kernels, C1, Serial GC, AppCDS", archived(QUICK_START_FLAGS, referenceArchive),
            "reference"),
        new Variant("fast kernels, Vector API, Serial GC, AppCDS", archived(VECTOR_SERIAL_FLAGS, fastArchive), "fast"));
  }

  private static List<String> archived(List<String> flags, Path archive) {
    List<String> withArchive = new ArrayList<>(flags);
    withArchive.add("-XX:SharedArchiveFile=" + archive);
    return withArchive;
  }

  /** Writes a class-data archive with one launch of {@code kernels} under {@code flags}; returns it. */
  private static Path trainArchive(String java, List<String> flags, String kernels, Path archive, String classPath,
      Path model) throws IOException, InterruptedException {
    List<String> training = new ArrayList<>(flags);
    training.add("-XX:ArchiveClassesAtExit=" + archive);
    launch(java, new Variant("archive training", training, kernels), classPath, model);
    return archive;
  }

  /**
   * One launch: wall milliseconds to the result line and to the process's exit, and the child's
   * {@code key=value} fields.
   */
  record Launch(double toResultMillis, double toExitMillis, Map<String, String> fields) {}

  /** Measures and prints; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int runs = Integer.parseInt(options.getOrDefault("--runs", "20"));
    if (runs < 1) {
      throw new IllegalArgumentException("--runs " + runs + " is below 1; use 20 or more for a median and p90");
    }
    Path core = options.containsKey("--core") ? Path.of(options.get("--core")) : findCoreJar(Path.of("qat-core", "target"));
    Path model = options.containsKey("--model") ? Path.of(options.get("--model"))
        : BenchModelFiles.ensure(BenchModel.LENET).int8Model();
    String javaCommand = options.getOrDefault("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path baseline = options.containsKey("--baseline-core") ? Path.of(options.get("--baseline-core")) : null;
    Path work = Files.createTempDirectory("qat4j-coldstart");
    try {
      // A jar, not a directory: class-data archives accept only jars on the class path.
      Path childJar = writeFirstInferenceJar(work.resolve("first-inference.jar"));
      Map<Variant, String> classPaths = new LinkedHashMap<>();
      List<Path> cores = baseline == null ? List.of(core) : List.of(core, baseline);
      for (int i = 0; i < cores.size(); i++) {
        String classPath = cores.get(i).toAbsolutePath() + File.pathSeparator + childJar.toAbsolutePath();
        // Archives hold the classes of one class path, so each jar trains its own.
        Path referenceArchive = trainArchive(javaCommand, QUICK_START_FLAGS, "reference",
            work.resolve("first-inference-" + i + ".jsa"), classPath, model);
        Path fastArchive = trainArchive(javaCommand, VECTOR_SERIAL_FLAGS, "fast",
            work.resolve("first-inference-fast-" + i + ".jsa"), classPath, model);
        for (Variant v : variants(referenceArchive, fastArchive)) {
          if (i == 0) {
            classPaths.put(v, classPath);
          } else if (!v.kernels().equals("none")) { // the JVM alone does not depend on the jar
            classPaths.put(new Variant(v.name() + " [baseline]", v.jvmFlags(), v.kernels()), classPath);
          }
        }
      }
      Map<Variant, List<Launch>> launches = new LinkedHashMap<>();
      for (Map.Entry<Variant, String> e : classPaths.entrySet()) {
        launch(javaCommand, e.getKey(), e.getValue(), model); // untimed: page cache
        launches.put(e.getKey(), new ArrayList<>());
      }
      for (int r = 0; r < runs; r++) {
        for (Map.Entry<Variant, String> e : classPaths.entrySet()) {
          launches.get(e.getKey()).add(launch(javaCommand, e.getKey(), e.getValue(), model));
        }
      }
      Launch first = launches.values().iterator().next().get(0);
      System.out.printf(Locale.ROOT, "java %s (%s), %d launches per variant, model %s (%,d B), class path: %s + %s%s%n%n",
          first.fields().get("java"), javaCommand, runs, model.getFileName(), Files.size(model), core.getFileName(),
          childJar.getFileName() + " (FirstInference only)",
          baseline == null ? "" : "; [baseline]: " + baseline.toAbsolutePath() + " instead of " + core.getFileName());
      System.out.print(table(launches));
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Launches the child once and times it; fails with the child's output if it does not print a result. */
  static Launch launch(String java, Variant v, String classPath, Path model) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(v.jvmFlags());
    command.addAll(List.of("-cp", classPath, FirstInference.class.getName(), model.toString(), v.kernels()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    List<String> output = new ArrayList<>();
    String result = null;
    int resultLine = -1;
    long resultAt = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (result == null && line.startsWith("top1=")) {
          resultAt = System.nanoTime();
          result = line;
          resultLine = output.size();
        }
        output.add(line);
      }
    }
    int status = process.waitFor();
    long exitAt = System.nanoTime();
    if (status != 0 || result == null) {
      throw new IllegalStateException("'" + String.join(" ", command) + "' exited with status " + status
          + " and printed " + output);
    }
    // The result line's fields, then those of the lines the child prints after it.
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : output.subList(resultLine, output.size())) {
      fields.putAll(fields(line));
    }
    return new Launch((resultAt - start) / 1e6, (exitAt - start) / 1e6, fields);
  }

  /** Parses {@code key=value} words. */
  static Map<String, String> fields(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String word : line.trim().split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        fields.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    return fields;
  }

  /**
   * The Markdown table, one line per variant.
   *
   * @throws IllegalStateException if the engine's variants did not all print the same class
   */
  static String table(Map<Variant, List<Launch>> launches) {
    StringBuilder sb = new StringBuilder();
    sb.append("| variant | JVM flags | kernels | to result: median | p90 | min | to exit: median"
        + " | load file | create interpreter | first image | fast kernels warm | < ").append((int) TARGET_MILLIS)
        .append(" ms |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    String top1 = null;
    for (Map.Entry<Variant, List<Launch>> e : launches.entrySet()) {
      Variant v = e.getKey();
      List<Launch> ls = e.getValue();
      double[] toResult = ls.stream().mapToDouble(Launch::toResultMillis).sorted().toArray();
      double[] toExit = ls.stream().mapToDouble(Launch::toExitMillis).sorted().toArray();
      String kernels = ls.get(0).fields().getOrDefault("kernels", v.kernels());
      if (!v.kernels().equals("none")) {
        for (Launch l : ls) {
          String t = l.fields().get("top1");
          if (top1 != null && !top1.equals(t)) {
            throw new IllegalStateException("variant '" + v.name() + "' printed class " + t + ", another " + top1
                + "; the kernels must agree exactly");
          }
          top1 = t;
        }
      }
      double median = nearestRank(toResult, 0.5);
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %s | %s | %s | %s"
          + " | %s |%n", v.name(), displayFlags(v.jvmFlags()), kernels, median,
          nearestRank(toResult, 0.9), toResult[0], nearestRank(toExit, 0.5), phase(ls, "load_us"),
          phase(ls, "interpreter_us"), phase(ls, "inference_us"), phase(ls, "fast_ready_us"),
          median < TARGET_MILLIS ? "yes" : "no"));
    }
    return sb.toString();
  }

  /** The flags as typed, with an archive's temporary path shortened to its file name. */
  private static String displayFlags(List<String> flags) {
    if (flags.isEmpty()) {
      return "(none)";
    }
    List<String> shown = new ArrayList<>();
    for (String f : flags) {
      int eq = f.indexOf('=');
      shown.add(f.startsWith("-XX:SharedArchiveFile=") ? f.substring(0, eq + 1) + Path.of(f.substring(eq + 1)).getFileName() : f);
    }
    return String.join(" ", shown);
  }

  /** The median of a phase the child reports in microseconds, in milliseconds, or "-". */
  private static String phase(List<Launch> ls, String key) {
    if (!ls.get(0).fields().containsKey(key)) {
      return "-";
    }
    double[] v = ls.stream().mapToDouble(l -> Long.parseLong(l.fields().get(key)) / 1000.0).sorted().toArray();
    return String.format(Locale.ROOT, "%.1f ms", nearestRank(v, 0.5));
  }

  /** The nearest-rank percentile of sorted values: the smallest value with at least p of them at or below it. */
  static double nearestRank(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** Writes a jar holding FirstInference.class alone and returns it. */
  static Path writeFirstInferenceJar(Path jar) throws IOException {
    String entry = FirstInference.class.getName().replace('.', '/') + ".class";
    try (InputStream in = FirstInference.class.getClassLoader().getResourceAsStream(entry)) {
      if (in == null) {
        throw new IOException("class file " + entry + " not found on the class path");
      }
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry(entry));
        in.transferTo(out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The qat-core jar {@code mvn package} leaves in {@code dir}. */
  static Path findCoreJar(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no directory " + dir.toAbsolutePath() + "; run from the project root after"
          + " 'mvn -pl qat-core,qat-bench -am package', or pass --core <qat-core jar>");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars = files.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("qat-core-") && n.endsWith(".jar") && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar");
      }).toList();
      if (jars.size() != 1) {
        throw new IOException("expected one qat-core jar in " + dir.toAbsolutePath() + ", found " + jars
            + "; pass --core <qat-core jar>");
      }
      return jars.get(0);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> known = Arrays.asList("--runs", "--core", "--model", "--java", "--baseline-core");
    for (int i = 0; i < args.length; i += 2) {
      if (!known.contains(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("argument '" + args[i] + "' is not one of " + known
            + " followed by a value; e.g. --runs 20");
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }
}
