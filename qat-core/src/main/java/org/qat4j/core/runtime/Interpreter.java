package org.qat4j.core.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.graph.Tensor;
import org.qat4j.core.kernels.EdgeQuantizer;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.fast.FastKernels;

/**
 * Runs an {@link IntegerModel} on batches: float in, float out (quantizing and dequantizing at the
 * edges, {@link EdgeQuantizer}), or int8 in, int8 out. Everything between the edges is integer
 * arithmetic in the kernels of the chosen {@link KernelSet}.
 *
 * <p>Inputs are flat arrays of {@code batch * inputSize()} values in the model's {@link
 * InputLayout}: for an NCHW model, {@code [N, C, H, W]} row-major (also a DL4J "convolutionalFlat"
 * row per example); the interpreter transposes to the graph's NHWC at the edge. Outputs are
 * {@code batch * outputSize()} values (transposed back for a feature-map output of an NCHW model).
 *
 * <p>Buffers for every tensor are allocated once for the largest batch seen so far and reused;
 * a larger batch grows them. <b>Not thread-safe</b>: use one interpreter per thread. The model is
 * immutable and may be shared by any number of interpreters.
 */
public final class Interpreter {

  private final IntegerModel model;
  private final KernelSet kernels;
  private final CompiledGraph compiled;
  private final int[] tensorSizes;
  private final Shape inputShape;
  private final Shape outputShape;
  private final boolean transpose;
  private final int inputTensor;
  private final int outputTensor;
  private final Quantization inputQuantization;
  private final Quantization outputQuantization;
  private int capacity;
  private byte[][] buffers;
  private float[] floatScratch;

  /**
   * An interpreter with the fast kernels ({@link FastKernels#shared()}, byte-identical to {@link
   * KernelSet#reference()}) and buffers for one example. Returns without waiting for the fast
   * kernels' warm-up: the first images run on the reference kernels while it proceeds on a
   * background thread, later ones on the fast kernels, with the same results. Pass {@code
   * KernelSet.reference()} to the three-argument constructor for the reference kernels alone.
   */
  public Interpreter(IntegerModel model) {
    this(model, FastKernels.shared(), 1);
  }

  /**
   * An interpreter with the given kernels and buffers preallocated for {@code initialBatch} examples.
   *
   * @throws IllegalArgumentException if {@code initialBatch} is not positive or the buffers would
   *     exceed an array's capacity
   */
  public Interpreter(IntegerModel model, KernelSet kernels, int initialBatch) {
    this.model = Objects.requireNonNull(model, "model");
    this.kernels = Objects.requireNonNull(kernels, "kernels");
    IntegerGraph graph = model.graph();
    this.compiled = new CompiledGraph(graph, kernels);
    this.tensorSizes = new int[graph.tensors().size()];
    for (int t = 0; t < tensorSizes.length; t++) {
      tensorSizes[t] = graph.tensor(t).shape().elementCount();
    }
    this.inputShape = graph.input().shape();
    this.outputShape = graph.output().shape();
    this.transpose = model.metadata().inputLayout() == InputLayout.NCHW;
    this.inputTensor = compiled.quantizeInput.output();
    this.outputTensor = compiled.dequantizeOutput.input();
    this.inputQuantization = graph.inputQuantization();
    this.outputQuantization = graph.outputQuantization();
    if (initialBatch < 1) {
      throw new IllegalArgumentException("initial batch " + initialBatch + " must be at least 1");
    }
    ensureCapacity(initialBatch);
  }

  /** The model this interpreter runs. */
  public IntegerModel model() {
    return model;
  }

  /** The kernels this interpreter calls. */
  public KernelSet kernels() {
    return kernels;
  }

  /** Input values per example. */
  public int inputSize() {
    return inputShape.elementCount();
  }

  /** Output values per example. */
  public int outputSize() {
    return outputShape.elementCount();
  }

  /** The batch size the buffers currently hold without growing. */
  public int capacity() {
    return capacity;
  }

  /**
   * Runs float examples: {@code input.length / inputSize()} of them.
   *
   * @return {@code batch * outputSize()} dequantized outputs
   * @throws IllegalArgumentException if the length is not a multiple of {@link #inputSize()} or an
   *     input is NaN
   */
  public float[] run(float[] input) {
    int batch = batchOf(input.length);
    float[] output = new float[batch * outputSize()];
    run(input, batch, output);
    return output;
  }

  /** Runs {@code batch} float examples into {@code output} (at least {@code batch * outputSize()} long). */
  public void run(float[] input, int batch, float[] output) {
    checkLengths(input.length, output.length, batch);
    ensureCapacity(batch);
    Quantization q = inputQuantization;
    ActivationClamp clamp = compiled.quantizeInput.clamp();
    float[] nhwc = input;
    if (transpose && inputShape.rank() == 3) {
      nhwc = floatScratch;
      Layouts.nchwToNhwc(input, nhwc, batch, inputShape.dim(2), inputShape.dim(0), inputShape.dim(1));
    }
    EdgeQuantizer.quantize(nhwc, 0, buffers[inputTensor], 0, batch * inputSize(), q.scale(), q.zeroPoint(),
        clamp.min(), clamp.max());
    runSteps(batch);
    Quantization out = outputQuantization;
    byte[] result = buffers[compiled.storage[outputTensor]];
    if (transpose && outputShape.rank() == 3) {
      float[] nhwcOut = new float[batch * outputSize()];
      EdgeQuantizer.dequantize(result, 0, nhwcOut, 0, batch * outputSize(), out.scale(), out.zeroPoint());
      Layouts.nhwcToNchw(nhwcOut, output, batch, outputShape.dim(2), outputShape.dim(0), outputShape.dim(1));
    } else {
      EdgeQuantizer.dequantize(result, 0, output, 0, batch * outputSize(), out.scale(), out.zeroPoint());
    }
  }

  /**
   * Runs float examples as {@link #run(float[])} does and returns every int8 tensor of the graph:
   * a debugging view, used to compare each layer with the network the model was exported from.
   *
   * <p>Keys are tensor names in graph order (a reshape's output appears with its input's bytes);
   * each value is a copy of {@code batch * elementCount} integers in the graph's own layout
   * (NHWC feature maps, whatever the model's input layout), read with the tensor's {@link
   * Quantization}. The float input and output tensors are not included.
   *
   * @param input {@code batch * inputSize()} values in the model's input layout
   * @return an unmodifiable map from tensor name to its integers
   * @throws IllegalArgumentException as {@link #run(float[])}
   */
  public Map<String, byte[]> runTraced(float[] input) {
    int batch = batchOf(input.length);
    run(input, batch, new float[batch * outputSize()]);
    Map<String, byte[]> tensors = new LinkedHashMap<>();
    for (Tensor t : model.graph().tensors()) {
      if (t.quantization() != null) {
        // Every int8 tensor keeps its own buffer (reshapes share their source's), so after a run
        // each buffer still holds that tensor's values.
        byte[] values = new byte[batch * tensorSizes[t.id()]];
        System.arraycopy(buffers[compiled.storage[t.id()]], 0, values, 0, values.length);
        tensors.put(t.name(), values);
      }
    }
    return Collections.unmodifiableMap(tensors);
  }

  /**
   * Runs already-quantized examples (with the model's input scale and zero point, in its input
   * layout): {@code input.length / inputSize()} of them.
   *
   * @return {@code batch * outputSize()} int8 outputs (scale and zero point: {@link
   *     IntegerGraph#outputQuantization()})
   * @throws IllegalArgumentException if the length is not a multiple of {@link #inputSize()} or a
   *     value lies outside the input's grid (only possible for inputs of fewer than 8 bits)
   */
  public byte[] runQuantized(byte[] input) {
    int batch = batchOf(input.length);
    byte[] output = new byte[batch * outputSize()];
    runQuantized(input, batch, output);
    return output;
  }

  /** Runs {@code batch} quantized examples into {@code output} (at least {@code batch * outputSize()} long). */
  public void runQuantized(byte[] input, int batch, byte[] output) {
    checkLengths(input.length, output.length, batch);
    ensureCapacity(batch);
    ActivationClamp clamp = compiled.quantizeInput.clamp();
    int n = batch * inputSize();
    for (int i = 0; i < n; i++) {
      if (input[i] < clamp.min() || input[i] > clamp.max()) {
        throw new IllegalArgumentException("input value " + input[i] + " at index " + i + " is outside the input grid ["
            + clamp.min() + ", " + clamp.max() + "]; quantize with the model's input parameters");
      }
    }
    byte[] in = buffers[inputTensor];
    if (transpose && inputShape.rank() == 3) {
      Layouts.nchwToNhwc(input, in, batch, inputShape.dim(2), inputShape.dim(0), inputShape.dim(1));
    } else {
      System.arraycopy(input, 0, in, 0, n);
    }
    runSteps(batch);
    byte[] result = buffers[compiled.storage[outputTensor]];
    if (transpose && outputShape.rank() == 3) {
      Layouts.nhwcToNchw(result, output, batch, outputShape.dim(2), outputShape.dim(0), outputShape.dim(1));
    } else {
      System.arraycopy(result, 0, output, 0, batch * outputSize());
    }
  }

  /**
   * The index of the largest output of each example, as {@link #run(float[])} returns them (the
   * first one on ties).
   */
  public int[] predict(float[] input) {
    float[] outputs = run(input);
    int size = outputSize();
    int[] classes = new int[outputs.length / size];
    for (int b = 0; b < classes.length; b++) {
      int best = 0;
      for (int i = 1; i < size; i++) {
        if (outputs[b * size + i] > outputs[b * size + best]) {
          best = i;
        }
      }
      classes[b] = best;
    }
    return classes;
  }

  private void runSteps(int batch) {
    for (CompiledGraph.Step step : compiled.steps) {
      step.run(batch, buffers);
    }
  }

  private int batchOf(int length) {
    if (length % inputSize() != 0) {
      throw new IllegalArgumentException("input has " + length + " values, not a multiple of the " + inputSize()
          + " values per example (shape " + model.inputShape() + ", layout " + model.metadata().inputLayout() + ")");
    }
    return length / inputSize();
  }

  private void checkLengths(int inputLength, int outputLength, int batch) {
    if (batch < 0) {
      throw new IllegalArgumentException("batch " + batch + " must be non-negative");
    }
    if (inputLength < (long) batch * inputSize()) {
      throw new IllegalArgumentException("input has " + inputLength + " values, " + batch + " examples need "
          + (long) batch * inputSize());
    }
    if (outputLength < (long) batch * outputSize()) {
      throw new IllegalArgumentException("output has room for " + outputLength + " values, " + batch
          + " examples need " + (long) batch * outputSize());
    }
  }

  /** Grows every buffer to hold {@code batch} examples, if they are smaller. */
  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    for (int t = 0; t < tensorSizes.length; t++) {
      if ((long) batch * tensorSizes[t] > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("batch " + batch + " needs " + (long) batch * tensorSizes[t]
            + " bytes for tensor '" + model.graph().tensor(t).name() + "', more than an array holds; use smaller batches");
      }
    }
    byte[][] grown = new byte[tensorSizes.length][];
    for (int t = 0; t < tensorSizes.length; t++) {
      boolean int8 = model.graph().tensor(t).quantization() != null;
      if (int8 && compiled.storage[t] == t) {
        grown[t] = new byte[batch * tensorSizes[t]];
      }
    }
    buffers = grown;
    floatScratch = transpose && inputShape.rank() == 3 ? new float[batch * inputSize()] : null;
    capacity = batch;
  }
}
