package org.qat4j.core.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.ChannelMultipliers;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.DequantizeOutput;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Reshape;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.graph.Tensor;
import org.qat4j.core.graph.TensorType;

/** Serializes an {@link IntegerModel}; the layout is documented in {@code docs/model-format.md}. */
final class ModelWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private ModelWriter() {}

  static byte[] write(IntegerModel model) {
    ModelWriter payload = new ModelWriter();
    payload.section(ModelFileFormat.TAG_META, metaSection(model.metadata()));
    payload.section(ModelFileFormat.TAG_TENSORS, tensorSection(model.graph()));
    payload.section(ModelFileFormat.TAG_OPS, opSection(model.graph()));
    byte[] body = payload.out.toByteArray();
    if (body.length > ModelFileFormat.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("model payload of " + body.length + " bytes exceeds the format's limit "
          + ModelFileFormat.MAX_PAYLOAD_BYTES);
    }
    ModelWriter file = new ModelWriter();
    file.out.writeBytes(ModelFileFormat.MAGIC);
    file.u32(ModelFileFormat.VERSION);
    file.u32(0); // flags, reserved
    file.u32(body.length); // u64 payload length: low word,
    file.u32(0); //            high word
    file.out.writeBytes(sha256(body));
    file.out.writeBytes(body);
    return file.out.toByteArray();
  }

  static byte[] sha256(byte[] data) {
    return Sha256.digest(data, 0, data.length);
  }

  private static ModelWriter metaSection(ModelMetadata m) {
    ModelWriter w = new ModelWriter();
    w.string(m.qat4jVersion());
    w.string(m.description());
    w.u8(m.inputLayout().ordinal());
    w.u32(m.classLabels().size());
    m.classLabels().forEach(w::string);
    w.u32(m.provenance().size());
    for (Map.Entry<String, String> e : m.provenance().entrySet()) {
      w.string(e.getKey());
      w.string(e.getValue());
    }
    return w;
  }

  private static ModelWriter tensorSection(IntegerGraph g) {
    ModelWriter w = new ModelWriter();
    w.u32(g.tensors().size());
    for (Tensor t : g.tensors()) {
      w.string(t.name());
      w.u8(t.type() == TensorType.FLOAT32 ? ModelFileFormat.TYPE_FLOAT32 : ModelFileFormat.TYPE_INT8);
      w.shape(t.shape());
      if (t.type() == TensorType.INT8) {
        w.f32(t.quantization().scale());
        w.u8(t.quantization().zeroPoint()); // i8
        w.u8(t.quantization().bits());
      }
    }
    w.u32(g.input().id());
    w.u32(g.output().id());
    return w;
  }

  private static ModelWriter opSection(IntegerGraph g) {
    ModelWriter w = new ModelWriter();
    w.u32(g.ops().size());
    for (Op op : g.ops()) {
      w.u8(opCode(op));
      w.string(op.name());
      w.u8(op.inputs().size());
      op.inputs().forEach(w::u32);
      w.u32(op.output());
      if (op instanceof QuantizeInput q) {
        w.clamp(q.clamp());
      } else if (op instanceof Conv2D c) {
        w.weights(c.filter());
        w.int32s(c.bias());
        w.multipliers(c.multipliers());
        ConvWindow cw = c.window();
        w.u32(cw.strideHeight());
        w.u32(cw.strideWidth());
        w.u32(cw.dilationHeight());
        w.u32(cw.dilationWidth());
        w.padding(cw.padding());
        w.clamp(c.clamp());
      } else if (op instanceof FullyConnected f) {
        w.weights(f.weights());
        w.int32s(f.bias());
        w.multipliers(f.multipliers());
        w.clamp(f.clamp());
      } else if (op instanceof MaxPool2D p) {
        w.poolWindow(p.window());
        w.clamp(p.clamp());
      } else if (op instanceof AveragePool2D p) {
        w.poolWindow(p.window());
        w.clamp(p.clamp());
      }
    }
    return w;
  }

  private static int opCode(Op op) {
    if (op instanceof QuantizeInput) {
      return ModelFileFormat.OP_QUANTIZE_INPUT;
    } else if (op instanceof Conv2D) {
      return ModelFileFormat.OP_CONV_2D;
    } else if (op instanceof FullyConnected) {
      return ModelFileFormat.OP_FULLY_CONNECTED;
    } else if (op instanceof MaxPool2D) {
      return ModelFileFormat.OP_MAX_POOL_2D;
    } else if (op instanceof AveragePool2D) {
      return ModelFileFormat.OP_AVERAGE_POOL_2D;
    } else if (op instanceof Reshape) {
      return ModelFileFormat.OP_RESHAPE;
    } else if (op instanceof DequantizeOutput) {
      return ModelFileFormat.OP_DEQUANTIZE_OUTPUT;
    }
    throw new AssertionError("no op code for " + op);
  }

  private void section(int tag, ModelWriter body) {
    u32(tag);
    u32(body.out.size());
    out.writeBytes(body.out.toByteArray());
  }

  private void weights(QuantizedWeights w) {
    u8(w.bits());
    u8(w.granularity() == QuantizedWeights.Granularity.PER_TENSOR ? 0 : 1);
    shape(w.shape());
    float[] scales = w.scales();
    u32(scales.length);
    for (float s : scales) {
      f32(s);
    }
    out.writeBytes(BitPacking.pack(w.values(), w.bits()));
  }

  private void multipliers(ChannelMultipliers m) {
    int[] q = m.multipliers();
    int[] s = m.shifts();
    u32(q.length);
    for (int c = 0; c < q.length; c++) {
      u32(q[c]);
      u32(s[c]); // i32
    }
  }

  private void int32s(int[] values) {
    u32(values.length);
    for (int v : values) {
      u32(v);
    }
  }

  private void poolWindow(PoolWindow p) {
    u32(p.filterHeight());
    u32(p.filterWidth());
    u32(p.strideHeight());
    u32(p.strideWidth());
    padding(p.padding());
  }

  private void padding(Padding p) {
    u32(p.top());
    u32(p.left());
    u32(p.bottom());
    u32(p.right());
  }

  private void clamp(ActivationClamp c) {
    u8(c.min()); // i8
    u8(c.max()); // i8
  }

  private void shape(Shape s) {
    u8(s.rank());
    for (int i = 0; i < s.rank(); i++) {
      u32(s.dim(i));
    }
  }

  private void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length & 0xff);
    out.write(b.length >>> 8);
    out.writeBytes(b);
  }

  private void u8(int v) {
    out.write(v);
  }

  private void u32(int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private void f32(float v) {
    u32(Float.floatToRawIntBits(v));
  }
}
