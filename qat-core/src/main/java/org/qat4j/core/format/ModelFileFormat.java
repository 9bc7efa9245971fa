package org.qat4j.core.format;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the qat4j model file, format version 1; {@code docs/model-format.md} describes it
 * byte by byte. All integers are little-endian. A file is a 56-byte header (magic, version,
 * flags, payload length, SHA-256 of the payload) followed by the payload: three sections, {@code
 * META}, {@code TNSR}, {@code OPS }, each a 4-byte tag, a u32 body length and the body.
 */
public final class ModelFileFormat {

  /**
   * The first 8 bytes: {@code 0x89 'Q' 'A' 'T' '4' 'J' '\r' '\n'}. The high-bit first byte catches
   * 7-bit transfers and text files; CR LF catches line-ending conversion (as PNG's signature does).
   */
  public static final byte[] MAGIC = {(byte) 0x89, 'Q', 'A', 'T', '4', 'J', '\r', '\n'};

  /** The format version this code writes and the only one it reads. */
  public static final int VERSION = 1;

  /** Header size in bytes: magic 8, version 4, flags 4, payload length 8, SHA-256 32. */
  public static final int HEADER_BYTES = 56;

  /** Largest payload accepted, 1 GiB; beyond it no length field is trusted. */
  public static final int MAX_PAYLOAD_BYTES = 1 << 30;

  /** Longest description, in UTF-8 bytes. */
  public static final int MAX_DESCRIPTION_BYTES = 16_384;

  /** Longest name, label or provenance value, in UTF-8 bytes. */
  public static final int MAX_STRING_BYTES = 1024;

  /** Longest version string or provenance key, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 128;

  /** Most class labels. */
  public static final int MAX_LABELS = 65_536;

  /** Most provenance entries. */
  public static final int MAX_PROVENANCE_ENTRIES = 256;

  static final int TAG_META = tag("META");
  static final int TAG_TENSORS = tag("TNSR");
  static final int TAG_OPS = tag("OPS ");

  static final int TYPE_FLOAT32 = 0;
  static final int TYPE_INT8 = 1;

  static final int OP_QUANTIZE_INPUT = 1;
  static final int OP_CONV_2D = 2;
  static final int OP_FULLY_CONNECTED = 3;
  static final int OP_MAX_POOL_2D = 4;
  static final int OP_AVERAGE_POOL_2D = 5;
  static final int OP_RESHAPE = 6;
  static final int OP_DEQUANTIZE_OUTPUT = 7;

  private ModelFileFormat() {}

  /** A four-character section tag as the little-endian u32 its ASCII bytes form. */
  static int tag(String fourChars) {
    byte[] b = fourChars.getBytes(StandardCharsets.US_ASCII);
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }

  /** The tag's four characters, for messages; non-printable bytes as {@code \xNN}. */
  static String tagName(int tag) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      int c = (tag >>> (8 * i)) & 0xff;
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return sb.toString();
  }
}
