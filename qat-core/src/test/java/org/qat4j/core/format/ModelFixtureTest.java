package org.qat4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qat4j.core.graph.TestGraphs;

/**
 * Guards format version 1 with a frozen file: it must keep loading to the same graph, and today's
 * writer must reproduce it byte for byte. A failure here means the format changed: bump {@link
 * ModelFileFormat#VERSION}, keep reading version 1, and add a new fixture next to this one.
 */
class ModelFixtureTest {

  @Test
  void frozenFixtureLoadsToTheGraphItWasWrittenFrom() throws Exception {
    IntegerModel model = IntegerModel.load(ModelFiles.fixture());
    assertEquals(TestGraphs.smallCnn(FixtureWriter.SEED), model.graph());
    ModelMetadata m = model.metadata();
    assertEquals(FixtureWriter.fixtureMetadata().description(), m.description());
    assertEquals(List.of("zero", "one", "two", "three", "quatre \u00e9"), m.classLabels());
    assertEquals(InputLayout.NCHW, m.inputLayout());
    assertEquals("TestGraphs.smallCnn(42)", m.provenance().get("exporter"));
    assertFalse(m.qat4jVersion().isEmpty());
    assertEquals(List.of(2, 6, 7), Arrays.stream(model.inputShape().dims()).boxed().toList(), "NCHW view of [6, 7, 2]");
  }

  @Test
  void todaysWriterReproducesTheFixtureByteForByte() throws Exception {
    byte[] fixture = ModelFiles.fixture();
    IntegerModel loaded = IntegerModel.load(fixture);
    // Same graph built in code, with the fixture's metadata (its provenance names the JVM that wrote it).
    assertArrayEquals(fixture, FixtureWriter.fixtureModel(loaded.metadata()).toBytes());
  }

  @Test
  void headerStartsWithMagicAndVersionOne() {
    byte[] fixture = ModelFiles.fixture();
    assertArrayEquals(ModelFileFormat.MAGIC, Arrays.copyOf(fixture, 8));
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(fixture, 8, 16));
    assertEquals(fixture.length - 56, (fixture[16] & 0xff) | (fixture[17] & 0xff) << 8);
  }
}
