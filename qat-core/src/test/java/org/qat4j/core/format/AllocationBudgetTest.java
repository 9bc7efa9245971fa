package org.qat4j.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The reader's allocation budget is what stops a file made of tiny records from costing far more
 * memory than its size, before whole-graph validation could reject it.
 */
class AllocationBudgetTest {

  @Test
  void aMetaSectionOfSixtyFiveThousandEmptyLabelsExhaustsTheBudget() {
    byte[] fixture = ModelFiles.fixture();
    MetaOffsets parts = MetaOffsets.of(fixture);
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    meta.writeBytes(Arrays.copyOfRange(fixture, parts.metaBody, parts.labelCount)); // version, description, layout
    writeU32(meta, 65_536);
    meta.writeBytes(new byte[2 * 65_536]); // 65,536 empty strings: 2 bytes each in the file, ~80 in memory
    meta.writeBytes(Arrays.copyOfRange(fixture, parts.labelsEnd, parts.metaEnd)); // provenance
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(Arrays.copyOf(fixture, ModelFileFormat.HEADER_BYTES));
    writeU32(file, ModelFileFormat.TAG_META);
    writeU32(file, meta.size());
    file.writeBytes(meta.toByteArray());
    file.writeBytes(Arrays.copyOfRange(fixture, parts.metaEnd, fixture.length));
    byte[] hostile = ModelFiles.reseal(file.toByteArray());

    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IntegerModel.load(hostile));
    assertTrue(e.getMessage().contains("would exceed this load's allocation budget of"), e.getMessage());
    assertTrue(e.getMessage().contains("(16 x the payload + 65536); the file holds implausibly many tiny records"),
        e.getMessage());
  }

  @Test
  void fixtureOffsetsAreWhereTheFormatSaysTheyAre() {
    byte[] fixture = ModelFiles.fixture();
    MetaOffsets parts = MetaOffsets.of(fixture);
    assertEquals(5, u32(fixture, parts.labelCount), "the fixture has five labels");
    assertEquals("TNSR", new String(fixture, parts.metaEnd, 4, StandardCharsets.US_ASCII));
  }

  /** Offsets in the fixture's META section, found by walking the documented layout. */
  private static final class MetaOffsets {
    int metaBody;
    int labelCount;
    int labelsEnd;
    int metaEnd;

    static MetaOffsets of(byte[] f) {
      MetaOffsets p = new MetaOffsets();
      int pos = ModelFileFormat.HEADER_BYTES;
      int length = u32(f, pos + 4);
      p.metaBody = pos + 8;
      p.metaEnd = p.metaBody + length;
      pos = p.metaBody;
      pos += 2 + u16(f, pos); // version
      pos += 2 + u16(f, pos); // description
      pos += 1; // layout
      p.labelCount = pos;
      int labels = u32(f, pos);
      pos += 4;
      for (int i = 0; i < labels; i++) {
        pos += 2 + u16(f, pos);
      }
      p.labelsEnd = pos;
      return p;
    }
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int u32(byte[] b, int at) {
    return u16(b, at) | u16(b, at + 2) << 16;
  }

  private static void writeU32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
