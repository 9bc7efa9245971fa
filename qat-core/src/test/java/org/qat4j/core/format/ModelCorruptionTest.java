package org.qat4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.graph.FusedActivation;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.graph.TestGraphs;
import org.qat4j.core.runtime.Interpreter;

/**
 * Hostile and damaged files: every truncation, random bit flips, huge length fields, and
 * mutations resealed with a valid checksum (what an attacker would send). Each load must either
 * throw {@link ModelFormatException} or return a valid model that re-serializes to exactly the
 * same bytes; and no load may allocate more than a small multiple of the file's size.
 */
class ModelCorruptionTest {

  /** Allowed allocation per load: this many times the file size, plus a fixed allowance. */
  private static final long ALLOCATION_FACTOR = 16;

  private static final long ALLOCATION_SLACK = 512 * 1024;

  private long maxAllocated;

  /** Loads from bytes and from a stream; returns the model or null if rejected; checks allocation. */
  private IntegerModel loadOrReject(byte[] file) {
    IntegerModel fromBytes = measure(file.length, () -> IntegerModel.load(file));
    IntegerModel fromStream = measure(file.length, () -> IntegerModel.load(new ByteArrayInputStream(file)));
    if ((fromBytes == null) != (fromStream == null)) {
      fail("byte and stream loading disagree on a file of " + file.length + " bytes");
    }
    return fromBytes;
  }

  private interface Load {
    IntegerModel load() throws IOException;
  }

  /**
   * Loads twice and measures the second load: the first run of a code path also pays one-time JVM
   * costs (class loading, string-concatenation bootstraps) that say nothing about the file.
   */
  private IntegerModel measure(long fileLength, Load load) {
    loadQuietly(load);
    long before = ModelFiles.allocatedBytes();
    IntegerModel model = loadQuietly(load);
    long allocated = ModelFiles.allocatedBytes() - before;
    if (before >= 0) {
      maxAllocated = Math.max(maxAllocated, allocated);
      assertTrue(allocated <= ALLOCATION_FACTOR * fileLength + ALLOCATION_SLACK,
          "a load of a " + fileLength + "-byte file allocated " + allocated + " bytes");
    }
    return model;
  }

  private static IntegerModel loadQuietly(Load load) {
    try {
      return load.load();
    } catch (ModelFormatException e) {
      return null;
    } catch (IOException e) {
      throw new AssertionError("an I/O error other than ModelFormatException", e);
    }
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] good = ModelFiles.fixture();
    for (int length = 0; length < good.length; length++) {
      if (loadOrReject(Arrays.copyOf(good, length)) != null) {
        fail("a file truncated to " + length + " bytes was accepted");
      }
    }
  }

  @Test
  void randomBitFlipsAreRejectedByTheChecksumOrHeader() {
    byte[] good = ModelFiles.fixture();
    SplittableRandom r = new SplittableRandom(12345);
    for (int trial = 0; trial < 3000; trial++) {
      byte[] bad = good.clone();
      int flips = 1 + r.nextInt(8);
      for (int f = 0; f < flips; f++) {
        int bit = r.nextInt(bad.length * 8);
        bad[bit / 8] ^= (byte) (1 << (bit % 8));
      }
      if (!Arrays.equals(bad, good) && loadOrReject(bad) != null) {
        fail("trial " + trial + ": a file with " + flips + " flipped bits was accepted");
      }
    }
  }

  @Test
  void hugeFieldsAtEveryPositionAreRejectedOrYieldAValidCanonicalModel() {
    byte[] good = ModelFiles.fixture();
    int accepted = 0;
    int[] patterns = {0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x00010000};
    for (int pos = ModelFileFormat.HEADER_BYTES; pos + 4 <= good.length; pos++) {
      for (int pattern : patterns) {
        byte[] bad = good.clone();
        for (int i = 0; i < 4; i++) {
          bad[pos + i] = (byte) (pattern >>> (8 * i));
        }
        accepted += checkResealed(ModelFiles.reseal(bad));
      }
    }
    assertTrue(accepted > 0, "some harmless mutations (e.g. of a weight) should load; none did");
  }

  @Test
  void randomResealedMutationsAreRejectedOrYieldAValidCanonicalModel() {
    byte[] good = ModelFiles.fixture();
    SplittableRandom r = new SplittableRandom(777);
    for (int trial = 0; trial < 3000; trial++) {
      byte[] bad = good.clone();
      int changes = 1 + r.nextInt(4);
      for (int c = 0; c < changes; c++) {
        int pos = ModelFileFormat.HEADER_BYTES + r.nextInt(bad.length - ModelFileFormat.HEADER_BYTES);
        bad[pos] = (byte) r.nextInt(256);
      }
      if (trial % 5 == 0) { // sometimes also cut the tail, then reseal
        bad = Arrays.copyOf(bad, ModelFileFormat.HEADER_BYTES + r.nextInt(bad.length - ModelFileFormat.HEADER_BYTES));
      }
      checkResealed(ModelFiles.reseal(bad));
    }
  }

  /** A resealed file passes the checksum: it must be rejected by validation or be a valid model. */
  private int checkResealed(byte[] file) {
    IntegerModel model = loadOrReject(file);
    if (model == null) {
      return 0;
    }
    assertArrayEquals(file, model.toBytes(), "an accepted file must be the canonical encoding of its model");
    Interpreter interpreter = new Interpreter(model);
    interpreter.run(new float[2 * interpreter.inputSize()]); // a validated model runs without faults
    return 1;
  }

  @Test
  void hugeDeclaredPayloadLengthsAllocateNothing() {
    byte[] good = ModelFiles.fixture();
    long[] lengths = {-1L, 1L << 40, ModelFileFormat.MAX_PAYLOAD_BYTES + 1L, Integer.MAX_VALUE,
        ModelFileFormat.MAX_PAYLOAD_BYTES, good.length};
    for (long length : lengths) {
      byte[] bad = good.clone();
      for (int i = 0; i < 8; i++) {
        bad[16 + i] = (byte) (length >>> (8 * i));
      }
      if (loadOrReject(bad) != null) {
        fail("declared payload length " + length + " was accepted");
      }
    }
  }

  @Test
  void aStreamPromisingAGigabyteThatEndsEarlyIsRejectedCheaply() {
    byte[] header = Arrays.copyOf(ModelFiles.fixture(), ModelFileFormat.HEADER_BYTES + 1000);
    int length = ModelFileFormat.MAX_PAYLOAD_BYTES;
    for (int i = 0; i < 8; i++) {
      header[16 + i] = (byte) ((long) length >>> (8 * i));
    }
    InputStream in = new ByteArrayInputStream(header);
    long before = ModelFiles.allocatedBytes();
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IntegerModel.load(in));
    long allocated = ModelFiles.allocatedBytes() - before;
    assertTrue(e.getMessage().endsWith("the file is truncated"), e.getMessage());
    assertTrue(before < 0 || allocated < ALLOCATION_SLACK, "allocated " + allocated + " bytes");
  }

  @Test
  void allocationStaysProportionalForALargeTwoBitModel() throws IOException {
    // 2-bit weights expand 4x when unpacked: the worst case for allocation per file byte.
    SplittableRandom r = new SplittableRandom(5);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("q", b.input("in", Shape.of(2048)), Quantization.int8(0.01f, 0));
    x = b.fullyConnected("fc", x, QuantizedWeights.perTensor(Shape.of(512, 2048), TestGraphs.weights(r, 512 * 2048, 2),
        0.1f, 2), new int[512], Quantization.int8(0.5f, 0), FusedActivation.NONE);
    b.dequantizeOutput("out", x);
    byte[] file = new IntegerModel(b.build(), ModelMetadata.create("big", List.of(), InputLayout.NHWC)).toBytes();
    assertTrue(loadOrReject(file) != null);
    assertTrue(maxAllocated <= ALLOCATION_FACTOR * file.length + ALLOCATION_SLACK);
  }
}
