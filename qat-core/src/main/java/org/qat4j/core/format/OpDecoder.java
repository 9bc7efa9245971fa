package org.qat4j.core.format;

import java.util.ArrayList;
import java.util.List;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.ChannelMultipliers;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.DequantizeOutput;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.GraphLimits;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Shape;

/** Decodes section {@code OPS }: one record per op, as {@link ModelWriter} writes them. */
final class OpDecoder {

  private OpDecoder() {}

  static List<Op> readOps(BoundedReader r) throws ModelFormatException {
    // Smallest op record: kind 1, name 3, input count 1, input 4, output 4.
    int count = r.count("op count", GraphLimits.MAX_OPS, 13);
    r.reserve(128L * count, "op list"); // op record, window, padding, clamp, list slot
    List<Op> ops = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ops.add(readOp(r, i));
    }
    r.expectEnd("section OPS");
    return ops;
  }

  private static Op readOp(BoundedReader r, int index) throws ModelFormatException {
    int at = r.position();
    int kind = r.u8("op " + index + " kind");
    String name = r.string("op " + index + " name", ModelFileFormat.MAX_STRING_BYTES);
    String op = "op " + index + " '" + name + "'";
    int inputs = r.u8(op + " input count");
    if (inputs != 1) {
      throw r.error(op + " has " + inputs + " inputs; every op of format version 1 has exactly 1");
    }
    int input = r.u32(op + " input id", 0, GraphLimits.MAX_TENSORS - 1);
    int output = r.u32(op + " output id", 0, GraphLimits.MAX_TENSORS - 1);
    switch (kind) {
      case ModelFileFormat.OP_QUANTIZE_INPUT: {
        ActivationClamp clamp = clamp(r, op, at);
        return ModelReader.construct(r, at, () -> new QuantizeInput(name, input, output, clamp));
      }
      case ModelFileFormat.OP_CONV_2D: {
        QuantizedWeights filter = weights(r, op);
        int[] bias = int32s(r, op + " bias", filter.channels());
        ChannelMultipliers m = multipliers(r, op, filter.channels());
        int sh = extent(r, op + " stride height");
        int sw = extent(r, op + " stride width");
        int dh = extent(r, op + " dilation height");
        int dw = extent(r, op + " dilation width");
        Padding padding = padding(r, op, at);
        ActivationClamp clamp = clamp(r, op, at);
        return ModelReader.construct(r, at,
            () -> new Conv2D(name, input, output, filter, bias, m, new ConvWindow(sh, sw, dh, dw, padding), clamp));
      }
      case ModelFileFormat.OP_FULLY_CONNECTED: {
        QuantizedWeights weights = weights(r, op);
        int[] bias = int32s(r, op + " bias", weights.channels());
        ChannelMultipliers m = multipliers(r, op, weights.channels());
        ActivationClamp clamp = clamp(r, op, at);
        return ModelReader.construct(r, at, () -> new FullyConnected(name, input, output, weights, bias, m, clamp));
      }
      case ModelFileFormat.OP_MAX_POOL_2D:
      case ModelFileFormat.OP_AVERAGE_POOL_2D: {
        int fh = extent(r, op + " pool height");
        int fw = extent(r, op + " pool width");
        int sh = extent(r, op + " stride height");
        int sw = extent(r, op + " stride width");
        Padding padding = padding(r, op, at);
        ActivationClamp clamp = clamp(r, op, at);
        PoolWindow window = ModelReader.construct(r, at, () -> new PoolWindow(fh, fw, sh, sw, padding));
        return ModelReader.construct(r, at, () -> kind == ModelFileFormat.OP_MAX_POOL_2D
            ? new MaxPool2D(name, input, output, window, clamp) : new AveragePool2D(name, input, output, window, clamp));
      }
      case ModelFileFormat.OP_RESHAPE:
        return ModelReader.construct(r, at, () -> new Reshape(name, input, output));
      case ModelFileFormat.OP_DEQUANTIZE_OUTPUT:
        return ModelReader.construct(r, at, () -> new DequantizeOutput(name, input, output));
      default:
        throw new ModelFormatException("at byte " + at + ": " + op + " has unknown kind " + kind
            + "; format version 1 defines kinds 1 to 7");
    }
  }

  private static QuantizedWeights weights(BoundedReader r, String op) throws ModelFormatException {
    int at = r.position();
    int bits = r.u8(op + " weight bits");
    if (bits < 2 || bits > 8) {
      throw r.error(op + " weight bits " + bits + " outside [2, 8]");
    }
    int granularityCode = r.u8(op + " weight granularity");
    if (granularityCode > 1) {
      throw r.error(op + " weight granularity " + granularityCode + " is unknown; 0 = per tensor, 1 = per channel");
    }
    Shape shape = ModelReader.readShape(r, op + " weight shape");
    int scaleCount = r.count(op + " weight scale count", shape.dim(0), 4);
    r.reserve(8L * scaleCount + 32, op + " weight scales"); // read, then copied by QuantizedWeights
    float[] scales = new float[scaleCount];
    for (int c = 0; c < scaleCount; c++) {
      scales[c] = r.f32(op + " weight scale " + c);
    }
    int count = shape.elementCount();
    long packed = BitPacking.packedLength(count, bits);
    if (packed > r.remaining()) {
      throw r.error(op + " weights " + shape + " at " + bits + " bits need " + packed + " bytes, only "
          + r.remaining() + " remain");
    }
    r.reserve(2L * count + 32, op + " weights"); // unpacked, then copied by QuantizedWeights
    int from = r.skip((int) packed, op + " weights");
    byte[] values = BitPacking.unpack(r.array(), from, count, bits);
    if (values == null) {
      throw new ModelFormatException("at byte " + (from + packed - 1) + ": " + op
          + " weights: unused bits of the last packed byte are not zero");
    }
    QuantizedWeights.Granularity g = granularityCode == 0
        ? QuantizedWeights.Granularity.PER_TENSOR : QuantizedWeights.Granularity.PER_CHANNEL;
    return ModelReader.construct(r, at, () -> QuantizedWeights.of(shape, g, values, scales, bits));
  }

  private static int[] int32s(BoundedReader r, String field, int expected) throws ModelFormatException {
    int n = r.count(field + " count", expected, 4);
    if (n != expected) {
      throw r.error(field + " count " + n + " differs from the " + expected + " output channels");
    }
    r.reserve(8L * n + 32, field); // read, then copied by the op
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.i32(field + " " + i);
    }
    return v;
  }

  private static ChannelMultipliers multipliers(BoundedReader r, String op, int channels) throws ModelFormatException {
    int at = r.position();
    int n = r.count(op + " multiplier count", channels, 8);
    if (n != channels) {
      throw r.error(op + " multiplier count " + n + " differs from the " + channels + " output channels");
    }
    r.reserve(16L * n + 64, op + " multipliers"); // two arrays, copied by ChannelMultipliers
    int[] m = new int[n];
    int[] s = new int[n];
    for (int c = 0; c < n; c++) {
      m[c] = r.i32(op + " multiplier " + c);
      s[c] = r.i32(op + " shift " + c);
    }
    return ModelReader.construct(r, at, () -> ChannelMultipliers.of(m, s));
  }

  private static int extent(BoundedReader r, String field) throws ModelFormatException {
    return r.u32(field, 1, GraphLimits.MAX_WINDOW_EXTENT);
  }

  private static Padding padding(BoundedReader r, String op, int at) throws ModelFormatException {
    int top = r.u32(op + " padding top", 0, GraphLimits.MAX_WINDOW_EXTENT);
    int left = r.u32(op + " padding left", 0, GraphLimits.MAX_WINDOW_EXTENT);
    int bottom = r.u32(op + " padding bottom", 0, GraphLimits.MAX_WINDOW_EXTENT);
    int right = r.u32(op + " padding right", 0, GraphLimits.MAX_WINDOW_EXTENT);
    return ModelReader.construct(r, at, () -> new Padding(top, left, bottom, right));
  }

  private static ActivationClamp clamp(BoundedReader r, String op, int at) throws ModelFormatException {
    int min = r.i8(op + " clamp min");
    int max = r.i8(op + " clamp max");
    return ModelReader.construct(r, at, () -> new ActivationClamp(min, max));
  }
}
