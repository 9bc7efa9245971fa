package org.qat4j.core.graph;

import java.util.List;
import java.util.Objects;

/**
 * An integer-only inference graph: float input, {@link QuantizeInput}, int8 ops, {@link
 * DequantizeOutput}, float output. Tensors are numbered (their index in {@link #tensors()}) and
 * ops name the tensors they read and write, so graphs with branches (residual adds,
 * concatenation) fit the same structure; today's ops form a chain.
 *
 * <p>Immutable and validated as a whole when built ({@link IntegerGraphBuilder}) or loaded
 * ({@link #of}): ids and names, definition before use, one writer per tensor, types, shapes
 * chaining through every op, zero points on their grids, finite positive scales, weights within
 * their bit range, multipliers equal to those derived from the scales, clamps within the output
 * grids and the int32 accumulator bound ({@link org.qat4j.core.kernels.AccumulatorBound}). A
 * violation throws {@link InvalidGraphException} naming the op and the problem. Safe to share
 * between threads.
 */
public final class IntegerGraph {

  private final List<Tensor> tensors;
  private final List<Op> ops;
  private final int input;
  private final int output;

  private IntegerGraph(List<Tensor> tensors, List<Op> ops, int input, int output) {
    this.tensors = tensors;
    this.ops = ops;
    this.input = input;
    this.output = output;
  }

  /**
   * A validated graph from its parts.
   *
   * @param tensors all tensors, tensor {@code i} having id {@code i}
   * @param ops the ops in execution order
   * @param input id of the float32 graph input
   * @param output id of the float32 graph output
   * @throws InvalidGraphException if any rule is broken
   */
  public static IntegerGraph of(List<Tensor> tensors, List<Op> ops, int input, int output) {
    List<Tensor> t = List.copyOf(tensors);
    List<Op> o = List.copyOf(ops);
    GraphValidator.validate(t, o, input, output);
    return new IntegerGraph(t, o, input, output);
  }

  /** A builder, the way an exporter creates a graph. */
  public static IntegerGraphBuilder builder() {
    return new IntegerGraphBuilder();
  }

  /** All tensors; tensor {@code i} has id {@code i}. */
  public List<Tensor> tensors() {
    return tensors;
  }

  /** The tensor with id {@code id}. */
  public Tensor tensor(int id) {
    return tensors.get(id);
  }

  /** The ops in execution order. */
  public List<Op> ops() {
    return ops;
  }

  /** The float32 input, per-example NHWC shape. */
  public Tensor input() {
    return tensors.get(input);
  }

  /** The float32 output. */
  public Tensor output() {
    return tensors.get(output);
  }

  /** Scale, zero point and bits the input is quantized with (the {@link QuantizeInput}'s output). */
  public Quantization inputQuantization() {
    for (Op op : ops) {
      if (op instanceof QuantizeInput) {
        return tensors.get(op.output()).quantization();
      }
    }
    throw new AssertionError("validated graph without QuantizeInput");
  }

  /** Scale, zero point and bits of the int8 result (the {@link DequantizeOutput}'s input). */
  public Quantization outputQuantization() {
    for (Op op : ops) {
      if (op instanceof DequantizeOutput) {
        return tensors.get(op.inputs().get(0)).quantization();
      }
    }
    throw new AssertionError("validated graph without DequantizeOutput");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntegerGraph g && input == g.input && output == g.output && tensors.equals(g.tensors)
        && ops.equals(g.ops);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tensors, ops, input, output);
  }

  /** One line per op: index, kind, name, input and output shapes. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("IntegerGraph ").append(input().shape()).append(" -> ")
        .append(output().shape()).append('\n');
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      sb.append(String.format("  %3d %-16s %-24s %s -> %s%n", i, op.kind(), op.name(),
          tensors.get(op.inputs().get(0)).shape(), tensors.get(op.output()).shape()));
    }
    return sb.toString();
  }
}
