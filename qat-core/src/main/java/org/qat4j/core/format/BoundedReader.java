package org.qat4j.core.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads from a byte range that can never run past its end: every read checks the
 * bytes remaining, every count is checked against a hard limit and against what the remaining
 * bytes could hold before anything is allocated, and every allocation is charged to a budget
 * proportional to the file size. Faults throw {@link ModelFormatException} with the absolute
 * byte offset.
 */
final class BoundedReader {

  private final byte[] data;
  private final int end;
  private final long[] budget; // {bytes this load may still allocate, initial budget}, shared with sub-readers
  private int pos;

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

  ModelFormatException error(String message) {
    return new ModelFormatException("at byte " + pos + ": " + message);
  }

  private void need(int bytes, String field) throws ModelFormatException {
    if (bytes > end - pos) {
      throw error(field + " needs " + bytes + " bytes, only " + (end - pos) + " remain in this section");
    }
  }

  /**
   * Charges an allocation of about {@code bytes} (including object headers and the copies the
   * validating constructors make) to the budget.
   */
  void reserve(long bytes, String what) throws ModelFormatException {
    if (bytes > budget[0]) {
      throw error(what + " would exceed this load's allocation budget of " + budget[1] + " bytes ("
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
    int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16 | data[pos + 3] << 24;
    pos += 4;
    return v;
  }

  /** A u32 that must lie in {@code [min, max]} (max at most 2^31 - 1). */
  int u32(String field, int min, int max) throws ModelFormatException {
    int at = pos;
    long v = i32(field) & 0xffffffffL;
    if (v < min || v > max) {
      pos = at;
      throw error(field + " is " + v + ", outside [" + min + ", " + max + "]");
    }
    return (int) v;
  }

  /**
   * A u32 count of items that occupy at least {@code minBytesEach} bytes each: at most {@code max}
   * and at most what the remaining bytes can hold, so that no array is sized by a claim alone.
   */
  int count(String field, int max, int minBytesEach) throws ModelFormatException {
    int n = u32(field, 0, max);
    if ((long) n * minBytesEach > remaining()) {
      throw error(field + " is " + n + " but only " + remaining() + " bytes remain, room for at most "
          + remaining() / minBytesEach);
    }
    return n;
  }

  float f32(String field) throws ModelFormatException {
    return Float.intBitsToFloat(i32(field));
  }

  /** A u16-length-prefixed UTF-8 string of at most {@code maxBytes} bytes; malformed UTF-8 is rejected. */
  String string(String field, int maxBytes) throws ModelFormatException {
    int at = pos;
    need(2, field + " length");
    int length = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    if (length > maxBytes) {
      throw error(field + " length " + length + " exceeds the limit " + maxBytes);
    }
    pos += 2;
    need(length, field);
    reserve(3L * length + 48, field); // decoder buffer (2 bytes/char) + String, with headers
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, pos, length)).toString();
      pos += length;
      return s;
    } catch (CharacterCodingException e) {
      pos = at;
      throw error(field + " is not valid UTF-8");
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
    int length = u32("section '" + ModelFileFormat.tagName(tag) + "' length", 0, remaining() - 4);
    BoundedReader body = new BoundedReader(data, pos, pos + length, budget);
    pos += length;
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
