package org.qat4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.qat4j.onnx.proto.Onnx.GraphProto;
import org.qat4j.onnx.proto.Onnx.NodeProto;
import org.qat4j.onnx.proto.Onnx.TensorProto;

/** Reading exported graphs back in tests: nodes by type, initializers decoded from raw_data. */
final class Protos {

  private Protos() {}

  static List<NodeProto> nodes(GraphProto g, String opType) {
    List<NodeProto> out = new ArrayList<>();
    for (NodeProto n : g.getNodeList()) {
      if (n.getOpType().equals(opType)) {
        out.add(n);
      }
    }
    return out;
  }

  static List<String> opTypes(GraphProto g) {
    List<String> out = new ArrayList<>();
    for (NodeProto n : g.getNodeList()) {
      out.add(n.getOpType());
    }
    return out;
  }

  static TensorProto initializer(GraphProto g, String name) {
    for (TensorProto t : g.getInitializerList()) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no initializer '" + name + "'");
  }

  static boolean isInitializer(GraphProto g, String name) {
    return g.getInitializerList().stream().anyMatch(t -> t.getName().equals(name));
  }

  static byte[] int8(TensorProto t) {
    require(t, TensorProto.DataType.INT8);
    return t.getRawData().toByteArray();
  }

  static int[] int32(TensorProto t) {
    require(t, TensorProto.DataType.INT32);
    int[] v = new int[t.getRawData().size() / 4];
    ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
    return v;
  }

  static float[] float32(TensorProto t) {
    require(t, TensorProto.DataType.FLOAT);
    float[] v = new float[t.getRawData().size() / 4];
    ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  static long[] dims(TensorProto t) {
    return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
  }

  private static void require(TensorProto t, TensorProto.DataType type) {
    if (t.getDataType() != type.getNumber()) {
      throw new AssertionError("initializer '" + t.getName() + "' has data type " + t.getDataType() + ", not " + type);
    }
  }
}
