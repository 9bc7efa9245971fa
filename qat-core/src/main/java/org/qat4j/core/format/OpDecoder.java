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
      r.beginRecord("op", i);
      ops.add(readOp(r));
    }
    r.endRecord();
    r.expectEnd("section OPS");
    return ops;
  }

  private static Op readOp(BoundedReader r) throws ModelFormatException {
    int at = r.position();
    int kind = r.u8("kind");
    String name = r.string("name", ModelFileFormat.MAX_STRING_BYTES);
    r.nameRecord(name);
    int inputs = r.u8("input count");
    if (inputs != 1) {
      throw r.error(r.record() + " has " + inputs + " inputs; every op of format version 1 has exactly 1");
    }
    int input = r.u32("input id", 0, GraphLimits.MAX_TENSORS - 1);
    int output = r.u32("output id", 0, GraphLimits.MAX_TENSORS - 1);
    // Every record constructor below validates its arguments and throws IllegalArgumentException;
    // the parts read first (weights, multipliers, shapes) report their own offsets.
    try {
      switch (kind) {
        case ModelFileFormat.OP_QUANTIZE_INPUT:
          return new QuantizeInput(name, input, output, clamp(r));
        case ModelFileFormat.OP_CONV_2D: {
          QuantizedWeights filter = weights(r);
          int[] bias = bias(r, filter.channels());
          ChannelMultipliers m = multipliers(r, filter.channels());
          int sh = extent(r, "stride height");
          int sw = extent(r, "stride width");
          int dh = extent(r, "dilation height");
          int dw = extent(r, "dilation width");
          Padding padding = padding(r);
          ActivationClamp clamp = clamp(r);
          return new Conv2D(name, input, output, filter, bias, m, new ConvWindow(sh, sw, dh, dw, padding), clamp);
        }
        case ModelFileFormat.OP_FULLY_CONNECTED: {
          QuantizedWeights weights = weights(r);
          int[] bias = bias(r, weights.channels());
          ChannelMultipliers m = multipliers(r, weights.channels());
          return new FullyConnected(name, input, output, weights, bias, m, clamp(r));
        }
        case ModelFileFormat.OP_MAX_POOL_2D:
        case ModelFileFormat.OP_AVERAGE_POOL_2D: {
          int fh = extent(r, "pool height");
          int fw = extent(r, "pool width");
          int sh = extent(r, "stride height");
          int sw = extent(r, "stride width");
          Padding padding = padding(r);
          ActivationClamp clamp = clamp(r);
          PoolWindow window = new PoolWindow(fh, fw, sh, sw, padding);
          return kind == ModelFileFormat.OP_MAX_POOL_2D ? new MaxPool2D(name, input, output, window, clamp)
              : new AveragePool2D(name, input, output, window, clamp);
        }
        case ModelFileFormat.OP_RESHAPE:
          return new Reshape(name, input, output);
        case ModelFileFormat.OP_DEQUANTIZE_OUTPUT:
          return new DequantizeOutput(name, input, output);
        default:
          throw BoundedReader.errorAt(at, r.record() + " has unknown kind " + kind
              + "; format version 1 defines kinds 1 to 7");
      }
    } catch (IllegalArgumentException e) {
      throw r.invalid(at, e);
    }
  }

  private static QuantizedWeights weights(BoundedReader r) throws ModelFormatException {
    int at = r.position();
    int bits = r.u8("weight bits");
    if (bits < 2 || bits > 8) {
      throw BoundedReader.errorAt(at, r.describe("weight bits") + " " + bits + " outside [2, 8]");
    }
    int granularityCode = r.u8("weight granularity");
    if (granularityCode > 1) {
      throw BoundedReader.errorAt(at + 1, r.describe("weight granularity") + " " + granularityCode
          + " is unknown; 0 = per tensor, 1 = per channel");
    }
    Shape shape = ModelReader.readShape(r, "weight shape");
    int scaleCount = r.count("weight scale count", shape.dim(0), 4);
    r.reserve(8L * scaleCount + 32, "weight scales"); // read, then copied by QuantizedWeights
    float[] scales = r.f32s(scaleCount, "weight scales");
    int count = shape.elementCount();
    long packed = BitPacking.packedLength(count, bits);
    if (packed > r.remaining()) {
      throw r.error(r.describe("weights") + " " + shape + " at " + bits + " bits need " + packed + " bytes, only "
          + r.remaining() + " remain");
    }
    r.reserve(2L * count + 32, "weights"); // unpacked, then copied by QuantizedWeights
    int from = r.skip((int) packed, "weights");
    byte[] values = BitPacking.unpack(r.array(), from, count, bits);
    if (values == null) {
      throw BoundedReader.errorAt(from + packed - 1, r.describe("weights")
          + ": unused bits of the last packed byte are not zero");
    }
    QuantizedWeights.Granularity g = granularityCode == 0
        ? QuantizedWeights.Granularity.PER_TENSOR : QuantizedWeights.Granularity.PER_CHANNEL;
    try {
      return QuantizedWeights.of(shape, g, values, scales, bits);
    } catch (IllegalArgumentException e) {
      throw r.invalid(at, e);
    }
  }

  /** One int32 bias per output channel. */
  private static int[] bias(BoundedReader r, int channels) throws ModelFormatException {
    int at = r.position();
    int n = r.count("bias count", channels, 4);
    if (n != channels) {
      throw BoundedReader.errorAt(at, r.describe("bias count") + " " + n + " differs from the " + channels
          + " output channels");
    }
    r.reserve(8L * n + 32, "bias"); // read, then copied by the op
    return r.i32s(n, "bias");
  }

  private static ChannelMultipliers multipliers(BoundedReader r, int channels) throws ModelFormatException {
    int at = r.position();
    int n = r.count("multiplier count", channels, 8);
    if (n != channels) {
      throw BoundedReader.errorAt(at, r.describe("multiplier count") + " " + n + " differs from the " + channels
          + " output channels");
    }
    r.reserve(24L * n + 96, "multipliers"); // pairs as read, two arrays, copied by ChannelMultipliers
    int[] pairs = r.i32s(2 * n, "multipliers"); // (multiplier, shift) per channel
    int[] m = new int[n];
    int[] s = new int[n];
    for (int c = 0; c < n; c++) {
      m[c] = pairs[2 * c];
      s[c] = pairs[2 * c + 1];
    }
    try {
      return ChannelMultipliers.of(m, s);
    } catch (IllegalArgumentException e) {
      throw r.invalid(at, e);
    }
  }

  private static int extent(BoundedReader r, String field) throws ModelFormatException {
    return r.u32(field, 1, GraphLimits.MAX_WINDOW_EXTENT);
  }

  /** Padding; a rejected value is reported at the op's start by {@code readOp}. */
  private static Padding padding(BoundedReader r) throws ModelFormatException {
    int top = r.u32("padding top", 0, GraphLimits.MAX_WINDOW_EXTENT);
    int left = r.u32("padding left", 0, GraphLimits.MAX_WINDOW_EXTENT);
    int bottom = r.u32("padding bottom", 0, GraphLimits.MAX_WINDOW_EXTENT);
    int right = r.u32("padding right", 0, GraphLimits.MAX_WINDOW_EXTENT);
    return new Padding(top, left, bottom, right);
  }

  /** The activation clamp; a rejected pair is reported at the op's start by {@code readOp}. */
  private static ActivationClamp clamp(BoundedReader r) throws ModelFormatException {
    int min = r.i8("clamp min");
    int max = r.i8("clamp max");
    return new ActivationClamp(min, max);
  }
}
