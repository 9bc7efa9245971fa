package org.qat4j.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.qat4j.onnx.proto.Onnx.TensorProto;
import org.qat4j.onnx.proto.Onnx.TensorProto.DataType;

/**
 * ONNX initializer tensors. Values go to {@code raw_data}, which ONNX defines as little-endian
 * in row-major order; {@code dims} are the shape (empty for a scalar).
 */
final class Tensors {

  private Tensors() {}

  /** An int8 tensor. */
  static TensorProto int8(String name, long[] dims, byte[] values) {
    return tensor(name, DataType.INT8, dims, ByteString.copyFrom(values), values.length);
  }

  /** An int8 scalar. */
  static TensorProto int8Scalar(String name, int value) {
    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("int8 constant '" + name + "' = " + value + " is outside [-128, 127]");
    }
    return int8(name, new long[0], new byte[] {(byte) value});
  }

  /** An int32 tensor. */
  static TensorProto int32(String name, long[] dims, int[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return tensor(name, DataType.INT32, dims, ByteString.copyFrom(b.array()), values.length);
  }

  /** An int64 tensor. */
  static TensorProto int64(String name, long[] dims, long[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return tensor(name, DataType.INT64, dims, ByteString.copyFrom(b.array()), values.length);
  }

  /** A float32 tensor. */
  static TensorProto float32(String name, long[] dims, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return tensor(name, DataType.FLOAT, dims, ByteString.copyFrom(b.array()), values.length);
  }

  /** A float32 scalar. */
  static TensorProto float32Scalar(String name, float value) {
    return float32(name, new long[0], new float[] {value});
  }

  private static TensorProto tensor(String name, DataType type, long[] dims, ByteString raw, int count) {
    long elements = 1;
    for (long d : dims) {
      elements *= d;
    }
    if (elements != count) {
      throw new IllegalStateException("tensor '" + name + "' of " + count + " values declared with "
          + elements + " elements");
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber()).setRawData(raw);
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }
}
