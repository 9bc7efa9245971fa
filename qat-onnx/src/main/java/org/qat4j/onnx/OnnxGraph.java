package org.qat4j.onnx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.Tensor;
import org.qat4j.onnx.proto.Onnx.AttributeProto;
import org.qat4j.onnx.proto.Onnx.GraphProto;
import org.qat4j.onnx.proto.Onnx.NodeProto;
import org.qat4j.onnx.proto.Onnx.TensorProto;
import org.qat4j.onnx.proto.Onnx.TensorProto.DataType;
import org.qat4j.onnx.proto.Onnx.TensorShapeProto;
import org.qat4j.onnx.proto.Onnx.TypeProto;
import org.qat4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * An ONNX graph under construction: unique value names, nodes in topological order (each node is
 * added after the nodes producing its inputs), initializers, and the nodes every form shares
 * (quantization parameters, the int8 clamp, reshapes). Not thread-safe; one per export.
 */
final class OnnxGraph {

  /** The symbolic batch dimension of the graph input and output. */
  static final String BATCH = "N";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();
  private final Map<String, String> constants = new HashMap<>();

  /** Claims exactly {@code name} (a graph input or output). */
  String reserve(String name) {
    if (!names.add(name)) {
      throw new IllegalStateException("ONNX value name '" + name + "' is already taken");
    }
    return name;
  }

  /** A name not used yet: {@code base}, or {@code base_2}, {@code base_3}, ... */
  String fresh(String base) {
    String name = base;
    for (int i = 2; !names.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  /** Adds an initializer under a fresh name derived from its own and returns that name. */
  String initializer(TensorProto tensor) {
    String name = fresh(tensor.getName());
    graph.addInitializer(tensor.toBuilder().setName(name));
    return name;
  }

  /** Adds a node writing a fresh value named after {@code outputBase}; returns the value's name. */
  String node(String opType, String outputBase, List<String> inputs, AttributeProto... attributes) {
    String output = fresh(outputBase);
    nodeTo(opType, output, inputs, attributes);
    return output;
  }

  /** Adds a node writing the already-claimed value {@code output}. */
  void nodeTo(String opType, String output, List<String> inputs, AttributeProto... attributes) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(output).addOutput(output).addAllInput(inputs);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
  }

  /** An INTS attribute. */
  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  /** An INT attribute. */
  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  /** The float32 scalar scale of an int8 engine tensor, one initializer per tensor. */
  String scale(Tensor t) {
    return constant("scale:" + t.id(), () -> Tensors.float32Scalar(t.name() + "_scale", t.quantization().scale()));
  }

  /** The int8 scalar zero point of an int8 engine tensor, one initializer per tensor. */
  String zeroPoint(Tensor t) {
    return constant("zp:" + t.id(), () -> Tensors.int8Scalar(t.name() + "_zero_point", t.quantization().zeroPoint()));
  }

  /** An int8 scalar constant, shared by value. */
  String int8(int value) {
    return constant("int8:" + value, () -> Tensors.int8Scalar("int8_" + value, value));
  }

  /** A float32 scalar constant, shared by bit pattern. */
  String float32(float value) {
    return constant("float:" + Float.floatToIntBits(value), () -> Tensors.float32Scalar("float_" + value, value));
  }

  private String constant(String key, java.util.function.Supplier<TensorProto> tensor) {
    String name = constants.get(key);
    if (name == null) {
      name = initializer(tensor.get());
      constants.put(key, name);
    }
    return name;
  }

  /**
   * The fused activation of an int8 result, exactly: an int8 {@code Clip} (opset 12+ takes int8)
   * to {@code [clamp.min, clamp.max]}; nothing when the clamp is the whole int8 range, which every
   * producer (QuantizeLinear, QLinearConv) saturates to already.
   */
  String clampInt8(String value, ActivationClamp clamp, String outputBase) {
    if (clamp.min() == Byte.MIN_VALUE && clamp.max() == Byte.MAX_VALUE) {
      return value;
    }
    return node("Clip", outputBase, List.of(value, int8(clamp.min()), int8(clamp.max())));
  }

  /** The nodes of a reshape (see {@link ReshapePlan}), for a value of any element type. */
  String reshape(String value, ReshapePlan plan, String outputBase) {
    String v = value;
    if (plan.toNhwc()) {
      v = node("Transpose", outputBase + "_nhwc", List.of(v), ints("perm", 0, 2, 3, 1));
    }
    if (plan.output().rank() == 1) {
      return node("Flatten", outputBase, List.of(v), integer("axis", 1));
    }
    if (plan.toNchw()) {
      int[] d = plan.output().dims(); // [H, W, C]
      v = node("Reshape", outputBase + "_nhwc", List.of(v, shape(new long[] {0, d[0], d[1], d[2]})));
      return node("Transpose", outputBase, List.of(v), ints("perm", 0, 3, 1, 2));
    }
    return node("Reshape", outputBase, List.of(v, shape(ReshapePlan.onnxDims(plan.output(), 0))));
  }

  /** An int64 shape constant for Reshape; a 0 copies the input's dimension (the batch). */
  private String shape(long[] dims) {
    StringBuilder key = new StringBuilder("shape:");
    for (long d : dims) {
      key.append(d).append(',');
    }
    return constant(key.toString(), () -> Tensors.int64("shape", new long[] {dims.length}, dims));
  }

  /** Declares a graph input {@code [N, dims...]}. */
  void input(String name, DataType type, long[] dimsAfterBatch) {
    graph.addInput(valueInfo(name, type, dimsAfterBatch));
  }

  /** Declares a graph output {@code [N, dims...]}. */
  void output(String name, DataType type, long[] dimsAfterBatch) {
    graph.addOutput(valueInfo(name, type, dimsAfterBatch));
  }

  private static ValueInfoProto valueInfo(String name, DataType type, long[] dimsAfterBatch) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
    for (long d : dimsAfterBatch) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
  }

  /** The graph, named and documented. */
  GraphProto build(String name, String docString) {
    return graph.setName(name).setDocString(docString).build();
  }
}
