package org.qat4j.core.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.qat4j.core.graph.TestGraphs;

/**
 * Writes the frozen fixture {@code small-cnn-v1.qat4j} (test resources). Run it only when a new
 * format version is introduced, and then add a new fixture instead of replacing the old one:
 *
 * <pre>
 * mvn -B -q -pl qat-core test-compile
 * java -cp qat-core/target/classes:qat-core/target/test-classes org.qat4j.core.format.FixtureWriter \
 *     qat-core/src/test/resources/org/qat4j/core/format/small-cnn-v1.qat4j
 * </pre>
 */
public final class FixtureWriter {

  /** Seed of {@link TestGraphs#smallCnn(long)} used for the fixture. */
  static final long SEED = 42;

  private FixtureWriter() {}

  static IntegerModel fixtureModel(ModelMetadata metadata) {
    return new IntegerModel(TestGraphs.smallCnn(SEED), metadata);
  }

  static ModelMetadata fixtureMetadata() {
    return ModelMetadata.create("qat4j test fixture: small CNN, every op kind, 2-, 4-, 6- and 8-bit tensors",
        List.of("zero", "one", "two", "three", "quatre \u00e9"), InputLayout.NCHW)
        .withProvenance("exporter", "TestGraphs.smallCnn(42)");
  }

  /** Writes the fixture to the path given as the only argument. */
  public static void main(String[] args) throws IOException {
    fixtureModel(fixtureMetadata()).save(Path.of(args[0]));
  }
}
