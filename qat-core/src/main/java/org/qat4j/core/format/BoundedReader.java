package org.qat4j.core.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads from a byte range that can never run past its end: every read checks the
 * bytes remaining, every count is checked against a hard limit and against what the remaining
 * bytes could hold before anything is allocated, and every allocation is charged to a budget
 * proportional to the file size. Faults throw {@link ModelFormatException} with the absolute
 * byte offset.
 *
 * <p>Callers name each field with a constant ("weight bits") and the record being read with
 * {@link #beginRecord} and {@link #nameRecord} ("op 3 'conv1'"); the two are joined only when a
 * message is needed. Loading a valid file thus builds no strings: at start-up, the first
 * string concatenation of each shape costs milliseconds of {@code invokedynamic} bootstrapping.
 */
final class BoundedReader {

  private final byte[] data;
  private final int end;
  private final long[] budget; // {bytes this load may still allocate, initial budget}, shared with sub-readers
  private int pos;
  private CharsetDecoder utf8;
  // The record being read, for messages: "op 3 'conv1'"; kind null outside records.
  private String recordKind;
  private int recordIndex;
  private String recordName;

  BoundedReader(byte[] data, int start, int end, long allocationBudget) {
    this(data, start, end, new long[] {allocationBudget, allocationBudget});
  }

  private BoundedReader(byte[] data, int start, int end, long[] budget) {
    this.data = data;
    this.pos = start;
    this.end = end;
    this.budget = budget;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  /** Starts record {@code index} of a kind ("op", "tensor"): messages name it until the next call. */
  void beginRecord(String kind, int index) {
    recordKind = kind;
    recordIndex = index;
    recordName = null;
  }

  /** Adds the name of the current record, once read, to its messages. */
  void nameRecord(String name) {
    recordName = name;
  }

  /** Messages name no record from here on. */
  void endRecord() {
    recordKind = null;
    recordName = null;
  }

  /** The current record for messages, e.g. {@code op 3 'conv1'}; empty outside records. */
  String record() {
    if (recordKind == null) {
      return "";
    }
    return recordKind + " " + recordIndex + (recordName == null ? "" : " '" + recordName + "'");
  }

  /** A field of the current record for messages, e.g. {@code op 3 'conv1' weight bits}. */
  String describe(String field) {
    return recordKind == null ? field : record() + " " + field;
  }

  private String describe(String field, int element) {
    return describe(element < 0 ? field : field + " " + element);
  }

  /** A format error at the current position. */
  ModelFormatException error(String message) {
    return errorAt(pos, message);
  }

  /** A format error at byte {@code offset}. */
  static ModelFormatException errorAt(long offset, String message) {
    return new ModelFormatException("at byte " + offset + ": " + message);
  }

  /**
   * A validating constructor's complaint about the structure that starts at byte {@code offset},
   * as a format error naming the current record.
   */
  ModelFormatException invalid(int offset, IllegalArgumentException e) {
    String where = recordKind == null ? "" : record() + ": ";
    return new ModelFormatException("at byte " + offset + ": " + where + e.getMessage(), e);
  }

  private void need(long bytes, String field) throws ModelFormatException {
    if (bytes > end - pos) {
      throw error(describe(field) + " needs " + bytes + " bytes, only " + (end - pos) + " remain in this section");
    }
  }

  /**
   * Charges an allocation of about {@code bytes} (including object headers and the copies the
   * validating constructors make) to the budget.
   */
  void reserve(long bytes, String what) throws ModelFormatException {
    if (bytes > budget[0]) {
      throw error(describe(what) + " would exceed this load's allocation budget of " + budget[1] + " bytes ("
          + ModelReader.BUDGET_FACTOR + " x the payload + " + ModelReader.BUDGET_SLACK
          + "); the file holds implausibly many tiny records");
    }
    budget[0] -= bytes;
  }

  int u8(String field) throws ModelFormatException {
    need(1, field);
    return data[pos++] & 0xff;
  }

  int i8(String field) throws ModelFormatException {
    need(1, field);
    return data[pos++];
  }

  int i32(String field) throws ModelFormatException {
    need(4, field);
    int v = littleEndianInt(data, pos);
    pos += 4;
    return v;
  }

  private static int littleEndianInt(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
  }

  /** A u32 that must lie in {@code [min, max]} (max at most 2^31 - 1). */
  int u32(String field, int min, int max) throws ModelFormatException {
    need(4, field);
    long v = littleEndianInt(data, pos) & 0xffffffffL;
    if (v < min || v > max) {
      throw error(describe(field) + " is " + v + ", outside [" + min + ", " + max + "]");
    }
    pos += 4;
    return (int) v;
  }

  /**
   * A u32 count of items that occupy at least {@code minBytesEach} bytes each: at most {@code max}
   * and at most what the remaining bytes can hold, so that no array is sized by a claim alone.
   */
  int count(String field, int max, int minBytesEach) throws ModelFormatException {
    int n = u32(field, 0, max);
    if ((long) n * minBytesEach > remaining()) {
      throw error(describe(field) + " is " + n + " but only " + remaining() + " bytes remain, room for at most "
          + remaining() / minBytesEach);
    }
    return n;
  }

  /** {@code n} little-endian i32s, decoded in one bulk copy. */
  int[] i32s(int n, String field) throws ModelFormatException {
    need(4L * n, field);
    int[] values = new int[n];
    ByteBuffer.wrap(data, pos, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
    pos += 4 * n;
    return values;
  }

  /** {@code n} little-endian f32s, decoded in one bulk copy (bit patterns unchanged, NaNs included). */
  float[] f32s(int n, String field) throws ModelFormatException {
    need(4L * n, field);
    float[] values = new float[n];
    ByteBuffer.wrap(data, pos, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    pos += 4 * n;
    return values;
  }

  float f32(String field) throws ModelFormatException {
    return Float.intBitsToFloat(i32(field));
  }

  /** A u16-length-prefixed UTF-8 string of at most {@code maxBytes} bytes; malformed UTF-8 is rejected. */
  String string(String field, int maxBytes) throws ModelFormatException {
    return string(field, -1, maxBytes);
  }

  /**
   * As {@link #string(String, int)}, for element {@code element} of a list (named in messages
   * as {@code field element}).
   */
  String string(String field, int element, int maxBytes) throws ModelFormatException {
    int at = pos;
    if (2 > end - pos) {
      throw error(describe(field, element) + " length needs 2 bytes, only " + (end - pos) + " remain in this section");
    }
    int length = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    if (length > maxBytes) {
      throw error(describe(field, element) + " length " + length + " exceeds the limit " + maxBytes);
    }
    pos += 2;
    if (length > end - pos) {
      throw error(describe(field, element) + " needs " + length + " bytes, only " + (end - pos)
          + " remain in this section");
    }
    reserve(3L * length + 48, field); // decoder buffer (2 bytes/char) + String, with headers
    if (utf8 == null) {
      utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      String s = utf8.decode(ByteBuffer.wrap(data, pos, length)).toString(); // decode() resets the decoder
      pos += length;
      return s;
    } catch (CharacterCodingException e) {
      pos = at;
      throw error(describe(field, element) + " is not valid UTF-8");
    }
  }

  /** The raw array and skips {@code n} bytes, for callers that decode in place. */
  int skip(int n, String field) throws ModelFormatException {
    need(n, field);
    int at = pos;
    pos += n;
    return at;
  }

  byte[] array() {
    return data;
  }

  /** Reads a section header (tag, u32 length) and returns a reader confined to the section's body. */
  BoundedReader section(int expectedTag) throws ModelFormatException {
    int tag = i32("section tag");
    if (tag != expectedTag) {
      pos -= 4;
      throw error("expected section '" + ModelFileFormat.tagName(expectedTag) + "', found '"
          + ModelFileFormat.tagName(tag) + "'");
    }
    need(4, "section length");
    long length = littleEndianInt(data, pos) & 0xffffffffL;
    if (length > remaining() - 4) {
      throw error("section '" + ModelFileFormat.tagName(tag) + "' length is " + length + ", outside [0, "
          + (remaining() - 4) + "]");
    }
    pos += 4;
    BoundedReader body = new BoundedReader(data, pos, pos + (int) length, budget);
    pos += (int) length;
    return body;
  }

  /** Fails unless every byte was consumed. */
  void expectEnd(String what) throws ModelFormatException {
    if (pos != end) {
      throw error(what + " has " + (end - pos) + " unread bytes at its end; the file is corrupt or from a newer"
          + " format");
    }
  }
}
