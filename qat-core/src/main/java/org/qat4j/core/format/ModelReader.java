package org.qat4j.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.qat4j.core.graph.GraphLimits;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.graph.Tensor;
import org.qat4j.core.graph.TensorType;

/**
 * Parses and validates a model file. Order matters: header bounds first, then the SHA-256 of the
 * payload (so random corruption never reaches the parser), then the sections, then whole-graph
 * validation. Only then is a model returned; every fault is a {@link ModelFormatException}.
 */
final class ModelReader {

  /**
   * Allocation budget per load: this many times the payload size, plus a fixed allowance. Real
   * models need under 8 (2-bit weights expand 4x when unpacked, and are copied once); only files
   * made of many tiny records (empty strings, say) come near it, and they are rejected.
   */
  static final int BUDGET_FACTOR = 16;

  static final long BUDGET_SLACK = 1 << 16;

  private ModelReader() {}

  static IntegerModel read(InputStream in) throws IOException {
    byte[] header = in.readNBytes(ModelFileFormat.HEADER_BYTES);
    int payloadLength = checkHeader(header, header.length, Long.MAX_VALUE);
    // readNBytes allocates as bytes arrive, so a header claiming a huge payload costs nothing.
    byte[] payload = in.readNBytes(payloadLength);
    if (payload.length != payloadLength) {
      throw new ModelFormatException("the header declares " + payloadLength + " payload bytes but the stream ends after "
          + payload.length + "; the file is truncated");
    }
    byte[] file = new byte[ModelFileFormat.HEADER_BYTES + payloadLength];
    System.arraycopy(header, 0, file, 0, header.length);
    System.arraycopy(payload, 0, file, header.length, payloadLength);
    return read(file);
  }

  static IntegerModel read(byte[] file) throws ModelFormatException {
    int payloadLength = checkHeader(file, file.length, file.length);
    int start = ModelFileFormat.HEADER_BYTES;
    byte[] actual = Sha256.digest(file, start, payloadLength);
    if (!Arrays.equals(file, 24, 24 + Sha256.BYTES, actual, 0, Sha256.BYTES)) {
      throw new ModelFormatException("payload SHA-256 does not match the header; the file is corrupt");
    }
    BoundedReader payload = new BoundedReader(file, start, start + payloadLength,
        (long) BUDGET_FACTOR * payloadLength + BUDGET_SLACK);
    ModelMetadata metadata = readMeta(payload.section(ModelFileFormat.TAG_META));
    BoundedReader tensorSection = payload.section(ModelFileFormat.TAG_TENSORS);
    List<Tensor> tensors = readTensors(tensorSection);
    int input = tensorSection.u32("graph input id", 0, tensors.size() - 1);
    int output = tensorSection.u32("graph output id", 0, tensors.size() - 1);
    tensorSection.expectEnd("section TNSR");
    List<Op> ops = OpDecoder.readOps(payload.section(ModelFileFormat.TAG_OPS));
    payload.expectEnd("the payload");
    try {
      return new IntegerModel(IntegerGraph.of(tensors, ops, input, output), metadata);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("invalid model: " + e.getMessage(), e);
    }
  }

  /** Checks magic, version, flags and the payload length; returns the payload length. */
  private static int checkHeader(byte[] b, int available, long fileLength) throws ModelFormatException {
    if (available < ModelFileFormat.HEADER_BYTES) {
      throw new ModelFormatException("file has " + available + " bytes, fewer than the " + ModelFileFormat.HEADER_BYTES
          + "-byte header; it is truncated or not a qat4j model");
    }
    if (!Arrays.equals(b, 0, 8, ModelFileFormat.MAGIC, 0, 8)) {
      throw new ModelFormatException("bad magic " + hex(b, 0, 8) + ", expected " + hex(ModelFileFormat.MAGIC, 0, 8)
          + "; not a qat4j model file (or altered by a text-mode transfer)");
    }
    BoundedReader h = new BoundedReader(b, 8, ModelFileFormat.HEADER_BYTES, 0);
    int version = h.i32("format version");
    if (version != ModelFileFormat.VERSION) {
      throw new ModelFormatException("format version " + Integer.toUnsignedString(version) + " is not supported; this"
          + " qat4j reads version " + ModelFileFormat.VERSION + (version > ModelFileFormat.VERSION
          ? "; upgrade qat4j" : ""));
    }
    int flags = h.i32("flags");
    if (flags != 0) {
      throw new ModelFormatException("at byte 12: flags are 0x" + Integer.toHexString(flags)
          + ", version 1 defines none; the file is corrupt or from an incompatible writer");
    }
    long length = (h.i32("payload length") & 0xffffffffL) | ((long) h.i32("payload length") << 32);
    if (length < 0 || length > ModelFileFormat.MAX_PAYLOAD_BYTES) {
      throw new ModelFormatException("at byte 16: payload length " + Long.toUnsignedString(length)
          + " exceeds the limit " + ModelFileFormat.MAX_PAYLOAD_BYTES);
    }
    if (fileLength != Long.MAX_VALUE && ModelFileFormat.HEADER_BYTES + length != fileLength) {
      throw new ModelFormatException("the header declares " + length + " payload bytes, so " + (ModelFileFormat.HEADER_BYTES
          + length) + " bytes in all, but the file has " + fileLength + (fileLength < ModelFileFormat.HEADER_BYTES + length
          ? "; it is truncated" : "; it has trailing bytes"));
    }
    return (int) length;
  }

  private static ModelMetadata readMeta(BoundedReader r) throws ModelFormatException {
    String version = r.string("qat4j version", ModelFileFormat.MAX_KEY_BYTES);
    String description = r.string("description", ModelFileFormat.MAX_DESCRIPTION_BYTES);
    int layoutCode = r.u8("input layout");
    if (layoutCode >= InputLayout.values().length) {
      throw r.error("input layout code " + layoutCode + " is unknown; 0 = NHWC, 1 = NCHW");
    }
    int labelCount = r.count("class label count", ModelFileFormat.MAX_LABELS, 2);
    r.reserve(8L * labelCount + 16, "class label list");
    List<String> labels = new ArrayList<>(labelCount);
    for (int i = 0; i < labelCount; i++) {
      labels.add(r.string("class label", i, ModelFileFormat.MAX_STRING_BYTES));
    }
    int entries = r.count("provenance entry count", ModelFileFormat.MAX_PROVENANCE_ENTRIES, 4);
    TreeMap<String, String> provenance = new TreeMap<>();
    String previous = null;
    for (int i = 0; i < entries; i++) {
      int at = r.position();
      String key = r.string("provenance key", i, ModelFileFormat.MAX_KEY_BYTES);
      if (previous != null && key.compareTo(previous) <= 0) {
        throw BoundedReader.errorAt(at, "provenance key '" + key + "' is not after '" + previous
            + "'; keys are stored sorted, once each");
      }
      provenance.put(key, r.string("provenance value", i, ModelFileFormat.MAX_STRING_BYTES));
      previous = key;
    }
    r.expectEnd("section META");
    try {
      return new ModelMetadata(description, labels, InputLayout.values()[layoutCode], version, provenance);
    } catch (IllegalArgumentException e) {
      throw r.error("invalid metadata: " + e.getMessage());
    }
  }

  private static List<Tensor> readTensors(BoundedReader r) throws ModelFormatException {
    // Smallest tensor record: name length 2 + 1 byte, type 1, rank 1, one dim 4.
    int count = r.count("tensor count", GraphLimits.MAX_TENSORS, 9);
    r.reserve(128L * count, "tensor list"); // Tensor, Shape, dims, Quantization, list slot
    List<Tensor> tensors = new ArrayList<>(count);
    for (int id = 0; id < count; id++) {
      r.beginRecord("tensor", id);
      int at = r.position();
      String name = r.string("name", ModelFileFormat.MAX_STRING_BYTES);
      r.nameRecord(name);
      int type = r.u8("type");
      Shape shape = readShape(r, "shape");
      float scale = 0;
      int zeroPoint = 0;
      int bits = 0;
      if (type == ModelFileFormat.TYPE_INT8) {
        scale = r.f32("scale");
        zeroPoint = r.i8("zero point");
        bits = r.u8("bits");
      } else if (type != ModelFileFormat.TYPE_FLOAT32) {
        throw r.error(r.record() + " has type code " + type + "; 0 = FLOAT32, 1 = INT8");
      }
      try {
        tensors.add(type == ModelFileFormat.TYPE_INT8
            ? new Tensor(id, name, TensorType.INT8, shape, new Quantization(scale, zeroPoint, bits))
            : new Tensor(id, name, TensorType.FLOAT32, shape, null));
      } catch (IllegalArgumentException e) {
        throw r.invalid(at, e);
      }
    }
    r.endRecord();
    return tensors;
  }

  /** A shape: u8 rank, then the dimensions as u32s; {@code field} names it in messages ("weight shape"). */
  static Shape readShape(BoundedReader r, String field) throws ModelFormatException {
    int at = r.position();
    int rank = r.u8(field);
    if (rank < 1 || rank > GraphLimits.MAX_RANK) {
      throw BoundedReader.errorAt(at, r.describe(field) + " rank " + rank + " is outside [1, " + GraphLimits.MAX_RANK
          + "]");
    }
    int[] dims = r.i32s(rank, field);
    for (int i = 0; i < rank; i++) {
      if (dims[i] < 1 || dims[i] > GraphLimits.MAX_TENSOR_ELEMENTS) { // a u32 above 2^31 - 1 reads as negative
        throw BoundedReader.errorAt(at + 1 + 4L * i, r.describe(field) + " dimension " + i + " is "
            + Integer.toUnsignedString(dims[i]) + ", outside [1, " + GraphLimits.MAX_TENSOR_ELEMENTS + "]");
      }
    }
    try {
      return Shape.of(dims);
    } catch (IllegalArgumentException e) {
      throw r.invalid(at, e);
    }
  }

  private static String hex(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(String.format("%02x", b[i] & 0xff));
    }
    return sb.toString();
  }
}
