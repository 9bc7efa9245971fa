package org.qat4j.bench.inference;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a benchmark model lives on disk: the DL4J float network ({@code ModelSerializer} zip,
 * without updater state) and the int8 model the exporter made of it ({@code .qat4j}). Built once
 * by {@link BenchModelBuilder} and reused by every benchmark fork, so the engine's forks read a
 * file and never load ND4J.
 *
 * <p>The directory is {@code bench-models} next to the jar or classes directory this class was
 * loaded from ({@code qat-bench/target/bench-models} for {@code target/benchmarks.jar}), or the
 * system property {@value #DIRECTORY_PROPERTY}. File names carry {@link #RECIPE}, raised whenever
 * the way the models are built changes; {@code mvn clean} or deleting the directory rebuilds them.
 *
 * @param model which network
 * @param floatNetwork the DL4J float network's zip
 * @param int8Model the exported int8 model
 */
public record BenchModelFiles(BenchModel model, Path floatNetwork, Path int8Model) {

  /** Version of the build recipe, part of every file name. */
  public static final String RECIPE = "r1";
  /** System property that overrides the directory. */
  public static final String DIRECTORY_PROPERTY = "qat4j.bench.models";

  /** Checks for nulls. */
  public BenchModelFiles {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(floatNetwork, "floatNetwork");
    Objects.requireNonNull(int8Model, "int8Model");
  }

  /** The files of {@code model} in {@code directory} (which need not exist yet). */
  public static BenchModelFiles in(Path directory, BenchModel model) {
    String stem = model.fileStem() + "-" + RECIPE;
    return new BenchModelFiles(model, directory.resolve(stem + "-float.zip"), directory.resolve(stem + ".qat4j"));
  }

  /** The files of {@code model} in {@link #defaultDirectory()}, built first if missing. */
  public static BenchModelFiles ensure(BenchModel model) throws IOException {
    return in(defaultDirectory(), model).ensureBuilt();
  }

  /** The directory the benchmarks use (see the class comment). */
  public static Path defaultDirectory() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    try {
      Path codeSource = Path.of(BenchModelFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return codeSource.toAbsolutePath().getParent().resolve("bench-models");
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot locate the benchmark jar to put the models next to it (" + e
          + "); set -D" + DIRECTORY_PROPERTY + "=<directory>", e);
    }
  }

  /** Whether both files exist. */
  public boolean exist() {
    return Files.isRegularFile(floatNetwork) && Files.isRegularFile(int8Model);
  }

  /** These files, built with {@link BenchModelBuilder#build} if either is missing. */
  public BenchModelFiles ensureBuilt() throws IOException {
    if (!exist()) {
      BenchModelBuilder.build(this);
    }
    return this;
  }

  /** Size of the DL4J float zip in bytes. */
  public long floatNetworkBytes() throws IOException {
    return Files.size(floatNetwork);
  }

  /** Size of the {@code .qat4j} file in bytes. */
  public long int8ModelBytes() throws IOException {
    return Files.size(int8Model);
  }
}
