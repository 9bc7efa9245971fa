package org.qat4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** qat4j's SHA-256 against the FIPS 180-2 examples and, byte for byte, against the JDK's. */
class Sha256Test {

  @Test
  void fipsExamples() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
    // 56 bytes: the padding no longer fits the block, a second block holds the length.
    assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
  }

  @Test
  void everyLengthUpToFiveBlocksAtRandomOffsetsMatchesTheJdk() {
    SplittableRandom r = new SplittableRandom(256);
    for (int length = 0; length <= 320; length++) {
      int offset = r.nextInt(70);
      byte[] data = random(r, offset + length + r.nextInt(5));
      assertArrayEquals(jdk(data, offset, length), Sha256.compute(data, offset, length), "length " + length);
      assertArrayEquals(jdk(data, offset, length), Sha256.digest(data, offset, length), "length " + length);
    }
  }

  @Test
  void longInputsAndBothSidesOfTheHandOverMatchTheJdk() {
    SplittableRandom r = new SplittableRandom(7);
    byte[] data = random(r, Sha256.OWN_CODE_MAX_BYTES + 100);
    for (int length : new int[] {441_142, 1 << 20, (1 << 20) + 55, Sha256.OWN_CODE_MAX_BYTES,
        Sha256.OWN_CODE_MAX_BYTES + 1}) {
      byte[] expected = jdk(data, 3, length);
      assertArrayEquals(expected, Sha256.compute(data, 3, length), "length " + length);
      assertArrayEquals(expected, Sha256.digest(data, 3, length), "length " + length);
    }
  }

  private static String hex(String ascii) {
    byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
    return HexFormat.of().formatHex(Sha256.compute(b, 0, b.length));
  }

  private static byte[] random(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  private static byte[] jdk(byte[] data, int offset, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(data, offset, length);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
