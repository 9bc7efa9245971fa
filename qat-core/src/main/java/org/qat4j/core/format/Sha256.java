package org.qat4j.core.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 (FIPS 180-4) of the payload, for the model file's header. The algorithm is computed
 * here for payloads of up to {@link #OWN_CODE_MAX_BYTES}, and by {@link MessageDigest} above.
 *
 * <p>Why both: the first {@code MessageDigest.getInstance("SHA-256")} in a JVM initialises the
 * security-provider framework (the provider list, the SUN provider's service table, its OIDs),
 * measured at 30-45 ms on the 2-core development machine, and the JDK's block function reads
 * through {@code VarHandle}s whose first use costs about 20 ms more: 80-150 ms in all for a
 * 441 KB LeNet file at JVM start-up, against 10-40 ms for the plain loop below. Per byte, once
 * compiled, the JDK is faster (C2 uses the CPU's SHA instructions: about 1.3 GB/s here against
 * about 150 MB/s), so large payloads go to it. Both give the same digest; the tests compare them
 * on many lengths.
 */
final class Sha256 {

  /** Largest payload hashed by the code here; about 50 ms of hashing at the speed above. */
  static final int OWN_CODE_MAX_BYTES = 8 << 20;

  /** Digest length in bytes. */
  static final int BYTES = 32;

  /** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };

  private Sha256() {}

  /** The SHA-256 of {@code length} bytes from {@code offset}. */
  static byte[] digest(byte[] data, int offset, int length) {
    if (length <= OWN_CODE_MAX_BYTES) {
      return compute(data, offset, length);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(data, offset, length);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The SHA-256 of {@code length} bytes from {@code offset}, computed here whatever the length. */
  static byte[] compute(byte[] data, int offset, int length) {
    // Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
    int[] h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    int[] schedule = new int[64];
    int fullBlocks = length / 64;
    for (int b = 0; b < fullBlocks; b++) {
      compress(h, schedule, data, offset + 64 * b);
    }
    // Padding: the remaining bytes, a 1 bit, zeros, and the message length in bits as a big-endian
    // u64, filling one block or, when fewer than 9 bytes are left in it, two.
    int rest = length % 64;
    byte[] tail = new byte[rest + 9 <= 64 ? 64 : 128];
    System.arraycopy(data, offset + 64 * fullBlocks, tail, 0, rest);
    tail[rest] = (byte) 0x80;
    long bits = 8L * length;
    for (int i = 0; i < 8; i++) {
      tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
    }
    for (int b = 0; b < tail.length; b += 64) {
      compress(h, schedule, tail, b);
    }
    byte[] out = new byte[BYTES];
    for (int i = 0; i < 8; i++) {
      out[4 * i] = (byte) (h[i] >>> 24);
      out[4 * i + 1] = (byte) (h[i] >>> 16);
      out[4 * i + 2] = (byte) (h[i] >>> 8);
      out[4 * i + 3] = (byte) h[i];
    }
    return out;
  }

  /** One 64-byte block from {@code at} into the hash state {@code h} (FIPS 180-4, section 6.2.2). */
  private static void compress(int[] h, int[] w, byte[] block, int at) {
    for (int t = 0; t < 16; t++) { // the block as 16 big-endian words
      int p = at + 4 * t;
      w[t] = block[p] << 24 | (block[p + 1] & 0xff) << 16 | (block[p + 2] & 0xff) << 8 | (block[p + 3] & 0xff);
    }
    for (int t = 16; t < 64; t++) {
      int x = w[t - 15];
      int y = w[t - 2];
      int sigma0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
      int sigma1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
      w[t] = w[t - 16] + sigma0 + w[t - 7] + sigma1; // all additions modulo 2^32, as int overflow wraps
    }
    int a = h[0];
    int b = h[1];
    int c = h[2];
    int d = h[3];
    int e = h[4];
    int f = h[5];
    int g = h[6];
    int hh = h[7];
    for (int t = 0; t < 64; t++) {
      int bigSigma1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
      int choose = (e & f) ^ (~e & g);
      int t1 = hh + bigSigma1 + choose + K[t] + w[t];
      int bigSigma0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
      int majority = (a & b) ^ (a & c) ^ (b & c);
      int t2 = bigSigma0 + majority;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
}
