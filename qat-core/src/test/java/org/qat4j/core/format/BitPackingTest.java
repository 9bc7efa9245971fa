package org.qat4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitPackingTest {

  @Test
  void layoutIsLeastSignificantBitFirst() {
    // 4 bits: 1 -> 0001, -1 -> 1111, 7 -> 0111: byte 0 = 1111_0001, byte 1 = 0000_0111.
    assertArrayEquals(new byte[] {(byte) 0xF1, 0x07}, BitPacking.pack(new byte[] {1, -1, 7}, 4));
    // 2 bits: 1, -1, 0, -2, 1 -> 01 11 00 10 | 01: byte 0 = 10_00_11_01, byte 1 = 01.
    assertArrayEquals(new byte[] {(byte) 0x8D, 0x01}, BitPacking.pack(new byte[] {1, -1, 0, -2, 1}, 2));
    // 3 bits cross byte boundaries: 3 -> 011 in bits 0-2, -3 -> 101 in bits 3-5, 2 -> 010 in bits
    // 6-8: byte 0 = 10_101_011 = 0xAB, byte 1 = 0 (bit 8).
    assertArrayEquals(new byte[] {(byte) 0xAB, 0x00}, BitPacking.pack(new byte[] {3, -3, 2}, 3));
    assertArrayEquals(new byte[] {-128, 127, 0}, BitPacking.pack(new byte[] {-128, 127, 0}, 8));
  }

  @Test
  void everyWidthRoundTripsEveryValue() {
    SplittableRandom r = new SplittableRandom(8);
    for (int bits = 2; bits <= 8; bits++) {
      int lo = -(1 << (bits - 1));
      int hi = (1 << (bits - 1)) - 1;
      for (int n = 0; n < 70; n++) {
        byte[] values = new byte[n];
        for (int i = 0; i < n; i++) {
          values[i] = (byte) (lo + r.nextInt(hi - lo + 1));
        }
        byte[] packed = BitPacking.pack(values, bits);
        assertEquals((n * bits + 7) / 8, packed.length);
        byte[] framed = new byte[packed.length + 3];
        System.arraycopy(packed, 0, framed, 2, packed.length);
        assertArrayEquals(values, BitPacking.unpack(framed, 2, n, bits), bits + " bits, " + n + " values");
      }
    }
  }

  @Test
  void nonZeroPaddingBitsAreRejected() {
    byte[] packed = BitPacking.pack(new byte[] {1, -1, 7}, 4);
    packed[1] |= 0x10; // a bit of the unused high nibble
    assertNull(BitPacking.unpack(packed, 0, 3, 4));
  }
}
