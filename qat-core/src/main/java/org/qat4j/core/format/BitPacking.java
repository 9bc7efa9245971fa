package org.qat4j.core.format;

import java.util.Arrays;

/**
 * Packs signed integers of 2 to 8 bits densely, least significant bit first: value {@code i}
 * occupies bits {@code [i * bits, (i + 1) * bits)} of the stream, bit {@code j} of the stream
 * being bit {@code j % 8} of byte {@code j / 8}. Values are stored in two's complement and
 * sign-extended on reading. Unused high bits of the last byte are zero.
 */
final class BitPacking {

  private BitPacking() {}

  /** Bytes needed for {@code count} values of {@code bits} bits: {@code ceil(count * bits / 8)}. */
  static long packedLength(long count, int bits) {
    return (count * bits + 7) / 8;
  }

  static byte[] pack(byte[] values, int bits) {
    byte[] out = new byte[(int) packedLength(values.length, bits)];
    int mask = (1 << bits) - 1;
    long bit = 0;
    for (byte v : values) {
      int field = v & mask;
      int index = (int) (bit >>> 3);
      int offset = (int) (bit & 7);
      out[index] |= (byte) (field << offset);
      if (offset + bits > 8) {
        out[index + 1] |= (byte) (field >>> (8 - offset));
      }
      bit += bits;
    }
    return out;
  }

  /**
   * Unpacks {@code count} values.
   *
   * @return the values, or {@code null} if the unused bits of the last byte are not zero
   */
  static byte[] unpack(byte[] packed, int from, int count, int bits) {
    if (bits == 8) {
      return Arrays.copyOfRange(packed, from, from + count); // one value per byte: a plain copy
    }
    byte[] out = new byte[count];
    int mask = (1 << bits) - 1;
    int shift = 32 - bits;
    long bit = 0;
    for (int i = 0; i < count; i++) {
      int index = from + (int) (bit >>> 3);
      int offset = (int) (bit & 7);
      int word = packed[index] & 0xff;
      if (offset + bits > 8) {
        word |= (packed[index + 1] & 0xff) << 8;
      }
      int field = (word >>> offset) & mask;
      out[i] = (byte) ((field << shift) >> shift); // sign-extend: '>>' is arithmetic
      bit += bits;
    }
    int usedBits = (int) (((long) count * bits) & 7);
    if (usedBits != 0) {
      int last = packed[from + (int) packedLength(count, bits) - 1] & 0xff;
      if ((last >>> usedBits) != 0) {
        return null;
      }
    }
    return out;
  }
}
