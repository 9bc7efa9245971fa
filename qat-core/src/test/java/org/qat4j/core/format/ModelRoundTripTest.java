package org.qat4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.TestGraphs;
import org.qat4j.core.runtime.Interpreter;

class ModelRoundTripTest {

  @TempDir
  Path dir;

  private static IntegerModel cnn() {
    return new IntegerModel(TestGraphs.smallCnn(7), ModelMetadata.create("round trip", List.of(), InputLayout.NCHW)
        .withProvenance("source", "test"));
  }

  private static float[] randomInput(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 4 - 1.5);
    }
    return x;
  }

  @Test
  void saveThenLoadGivesAnIdenticalModelAndIdenticalOutputs() throws IOException {
    for (IntegerModel model : List.of(cnn(), new IntegerModel(TestGraphs.mlp(3, 1500, 40, 10),
        ModelMetadata.create("mlp", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), InputLayout.NHWC)))) {
      Path file = dir.resolve("model.qat4j");
      model.save(file);
      IntegerModel loaded = IntegerModel.load(file);
      assertEquals(model, loaded);
      assertEquals(model.graph(), loaded.graph());
      assertArrayEquals(model.toBytes(), Files.readAllBytes(file));
      Interpreter a = new Interpreter(model);
      Interpreter b = new Interpreter(loaded);
      float[] input = randomInput(a.inputSize() * 5, 11);
      assertArrayEquals(a.run(input), b.run(input));
      assertArrayEquals(a.runQuantized(new byte[a.inputSize() * 2]), b.runQuantized(new byte[b.inputSize() * 2]));
    }
  }

  @Test
  void writingIsDeterministic() {
    assertArrayEquals(cnn().toBytes(), cnn().toBytes());
  }

  @Test
  void saveReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("m.qat4j");
    new IntegerModel(TestGraphs.mlp(1, 4, 3, 2), ModelMetadata.create("first", List.of(), InputLayout.NHWC)).save(file);
    IntegerModel second = cnn();
    second.save(file);
    assertEquals(second, IntegerModel.load(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void savingIntoAMissingDirectoryFailsWithoutLeftovers() {
    Path file = dir.resolve("missing").resolve("m.qat4j");
    assertThrows(IOException.class, () -> cnn().save(file));
    assertTrue(Files.notExists(file.getParent()));
  }

  @Test
  void streamLoadingReadsExactlyOneModel() throws IOException {
    byte[] bytes = cnn().toBytes();
    byte[] withTail = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, withTail, 0, bytes.length);
    withTail[bytes.length] = 42;
    ByteArrayInputStream in = new ByteArrayInputStream(withTail);
    assertEquals(cnn(), IntegerModel.load(in));
    assertEquals(42, in.read(), "the bytes after the model are left in the stream");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IntegerModel.load(withTail));
    assertEquals("the header declares " + (bytes.length - 56) + " payload bytes, so " + bytes.length
        + " bytes in all, but the file has " + withTail.length + "; it has trailing bytes", e.getMessage());
  }

  @Test
  void classLabelsMustMatchTheOutputs() {
    IntegerGraph g = TestGraphs.mlp(1, 4, 3, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new IntegerModel(g, ModelMetadata.create("x", List.of("a", "b", "c"), InputLayout.NHWC)));
    assertEquals("3 class labels for 2 outputs; give one label per output or none", e.getMessage());
  }

  @Test
  void clearMessagesForCommonFaults() {
    byte[] good = cnn().toBytes();
    byte[] badMagic = good.clone();
    badMagic[1] = 'X';
    assertEquals("bad magic 89584154344a0d0a, expected 89514154344a0d0a; not a qat4j model file (or altered by a"
        + " text-mode transfer)", message(badMagic));
    byte[] v2 = good.clone();
    v2[8] = 2;
    assertEquals("format version 2 is not supported; this qat4j reads version 1; upgrade qat4j", message(v2));
    byte[] flipped = good.clone();
    flipped[good.length - 1] ^= 1;
    assertEquals("payload SHA-256 does not match the header; the file is corrupt", message(flipped));
    assertEquals("file has 10 bytes, fewer than the 56-byte header; it is truncated or not a qat4j model",
        message(java.util.Arrays.copyOf(good, 10)));
  }

  private static String message(byte[] file) {
    return assertThrows(ModelFormatException.class, () -> IntegerModel.load(file)).getMessage();
  }
}
