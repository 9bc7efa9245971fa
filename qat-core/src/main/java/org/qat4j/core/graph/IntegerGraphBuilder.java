package org.qat4j.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds an {@link IntegerGraph} op by op, the way an exporter walks a trained network. Each
 * method appends one op, creates its output tensor (named after the op, shape computed) and
 * returns that tensor's id, to pass to the next call. Requantization multipliers and activation
 * clamps are derived here, as TFLite derives them, so the caller supplies only scales:
 *
 * <pre>{@code
 * IntegerGraphBuilder b = IntegerGraph.builder();
 * int x = b.input("image", Shape.of(28, 28, 1));                        // float, NHWC per example
 * x = b.quantizeInput("quantize", x, Quantization.int8(1f / 255, -128));
 * x = b.conv2d("conv1", x, filter, bias, ConvWindow.of(1, 1, Padding.valid()),
 *     Quantization.int8(0.05f, -128), FusedActivation.RELU);
 * x = b.maxPool2d("pool1", x, new PoolWindow(2, 2, 2, 2, Padding.valid()));
 * x = b.flatten("flatten", x);
 * x = b.fullyConnected("fc", x, weights, bias, Quantization.int8(0.1f, 3), FusedActivation.NONE);
 * b.dequantizeOutput("logits", x);
 * IntegerGraph graph = b.build();
 * }</pre>
 *
 * <p>Each method checks its own op at once (throwing {@link IllegalArgumentException} naming
 * it); {@link #build()} validates the whole graph. Not thread-safe.
 */
public final class IntegerGraphBuilder {

  private final List<Tensor> tensors = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>();
  private int input = -1;
  private int output = -1;

  IntegerGraphBuilder() {}

  /** Declares the float32 graph input with its per-example NHWC (or vector) shape; call once, first. */
  public int input(String name, Shape shape) {
    if (input >= 0) {
      throw new IllegalStateException("the graph input is already declared as '" + tensors.get(input).name() + "'");
    }
    input = addTensor(name, TensorType.FLOAT32, shape, null);
    return input;
  }

  /** Appends the float-to-int8 edge; the clamp is the full grid of {@code quantization}. */
  public int quantizeInput(String name, int input, Quantization quantization) {
    int out = addTensor(name, TensorType.INT8, tensor(input).shape(), quantization);
    return add(new QuantizeInput(name, input, out, ActivationClamp.full(quantization)), out);
  }

  /** Appends a convolution with a fused activation computed for {@code output}. */
  public int conv2d(String name, int input, QuantizedWeights filter, int[] bias, ConvWindow window,
      Quantization output, FusedActivation activation) {
    return conv2d(name, input, filter, bias, window, output, activation.clampFor(output));
  }

  /** Appends a convolution with an explicit output clamp. */
  public int conv2d(String name, int input, QuantizedWeights filter, int[] bias, ConvWindow window,
      Quantization output, ActivationClamp clamp) {
    Tensor in = int8(name, input);
    requireRank(name, in, 3);
    if (filter.shape().rank() != 4) {
      throw new IllegalArgumentException("op '" + name + "': filter shape " + filter.shape() + " must be [outC, kH, kW, inC]");
    }
    Shape outShape = withOp(name, () -> window.outputShape(in.shape(), filter.shape()));
    ChannelMultipliers m = withOp(name, () -> ChannelMultipliers.derive(in.quantization().scale(), filter, output.scale()));
    int out = addTensor(name, TensorType.INT8, outShape, output);
    return add(new Conv2D(name, input, out, filter, bias, m, window, clamp), out);
  }

  /** Appends a fully-connected layer (per-tensor or per-channel, as {@code weights} is) with a fused activation. */
  public int fullyConnected(String name, int input, QuantizedWeights weights, int[] bias, Quantization output,
      FusedActivation activation) {
    return fullyConnected(name, input, weights, bias, output, activation.clampFor(output));
  }

  /** Appends a fully-connected layer with an explicit output clamp. */
  public int fullyConnected(String name, int input, QuantizedWeights weights, int[] bias, Quantization output,
      ActivationClamp clamp) {
    Tensor in = int8(name, input);
    requireRank(name, in, 1);
    ChannelMultipliers m = withOp(name, () -> ChannelMultipliers.derive(in.quantization().scale(), weights, output.scale()));
    int out = addTensor(name, TensorType.INT8, Shape.of(weights.shape().dim(0)), output);
    return add(new FullyConnected(name, input, out, weights, bias, m, clamp), out);
  }

  /** Appends max pooling; the output keeps the input's quantization, no activation. */
  public int maxPool2d(String name, int input, PoolWindow window) {
    Tensor in = int8(name, input);
    requireRank(name, in, 3);
    int out = addTensor(name, TensorType.INT8, withOp(name, () -> window.outputShape(in.shape())), in.quantization());
    return add(new MaxPool2D(name, input, out, window, ActivationClamp.full(in.quantization())), out);
  }

  /** Appends average pooling; the output keeps the input's quantization, no activation. */
  public int averagePool2d(String name, int input, PoolWindow window) {
    Tensor in = int8(name, input);
    requireRank(name, in, 3);
    int out = addTensor(name, TensorType.INT8, withOp(name, () -> window.outputShape(in.shape())), in.quantization());
    return add(new AveragePool2D(name, input, out, window, ActivationClamp.full(in.quantization())), out);
  }

  /** Appends a reshape to {@code shape} (same element count, same quantization). */
  public int reshape(String name, int input, Shape shape) {
    Tensor in = int8(name, input);
    int out = addTensor(name, TensorType.INT8, shape, in.quantization());
    return add(new Reshape(name, input, out), out);
  }

  /** Appends a reshape to a vector; NHWC order, so features come out in (h, w, c) order. */
  public int flatten(String name, int input) {
    return reshape(name, input, Shape.of(int8(name, input).shape().elementCount()));
  }

  /** Appends the int8-to-float edge and makes its output the graph output; call once, last. */
  public int dequantizeOutput(String name, int input) {
    if (output >= 0) {
      throw new IllegalStateException("the graph output is already declared as '" + tensors.get(output).name() + "'");
    }
    Tensor in = int8(name, input);
    int out = addTensor(name, TensorType.FLOAT32, in.shape(), null);
    output = out;
    return add(new DequantizeOutput(name, input, out), out);
  }

  /** The shape of a tensor declared so far, e.g. to size the next layer's weights. */
  public Shape shape(int tensorId) {
    return tensor(tensorId).shape();
  }

  /** The quantization of an int8 tensor declared so far ({@code null} for the float input). */
  public Quantization quantization(int tensorId) {
    return tensor(tensorId).quantization();
  }

  /**
   * Validates and returns the graph.
   *
   * @throws IllegalStateException if the input or output is not declared
   * @throws InvalidGraphException if a rule is broken
   */
  public IntegerGraph build() {
    if (input < 0 || output < 0) {
      throw new IllegalStateException("declare the graph input (input) and output (dequantizeOutput) first");
    }
    return IntegerGraph.of(tensors, ops, input, output);
  }

  private int addTensor(String name, TensorType type, Shape shape, Quantization q) {
    for (Tensor t : tensors) {
      if (t.name().equals(name)) {
        throw new IllegalArgumentException("tensor name '" + name + "' is already used; give each op a unique name");
      }
    }
    tensors.add(new Tensor(tensors.size(), name, type, shape, q));
    return tensors.size() - 1;
  }

  private int add(Op op, int out) {
    ops.add(op);
    return out;
  }

  private Tensor tensor(int id) {
    if (id < 0 || id >= tensors.size()) {
      throw new IllegalArgumentException("tensor id " + id + " is not declared; pass an id returned by this builder");
    }
    return tensors.get(id);
  }

  private Tensor int8(String opName, int id) {
    Tensor t = tensor(id);
    if (t.type() != TensorType.INT8) {
      throw new IllegalArgumentException("op '" + opName + "' reads '" + t.name() + "', which is " + t.type()
          + "; quantize the input first");
    }
    return t;
  }

  private static void requireRank(String opName, Tensor t, int rank) {
    if (t.shape().rank() != rank) {
      throw new IllegalArgumentException("op '" + opName + "' needs a rank-" + rank + " input, '" + t.name()
          + "' has shape " + t.shape() + (rank == 1 ? "; flatten it first" : "; feature maps are [H, W, C]"));
    }
  }

  private static <T> T withOp(String opName, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("op '" + opName + "': " + e.getMessage(), e);
    }
  }
}
