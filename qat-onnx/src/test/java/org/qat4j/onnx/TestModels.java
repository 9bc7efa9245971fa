package org.qat4j.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.ActivationClamp;
import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.ConvWindow;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.IntegerGraphBuilder;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.Op;
import org.qat4j.core.graph.Padding;
import org.qat4j.core.graph.PoolWindow;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.QuantizedWeights;
import org.qat4j.core.graph.Shape;

/**
 * Integer models built op by op with qat-core's builder and seeded random weights, independent of
 * any DL4J exporter. Output scales are chosen from the accumulator's typical size so that results
 * spread over the grid instead of saturating.
 */
final class TestModels {

  private static final float WEIGHT_SCALE = 0.01f;

  private TestModels() {}

  /**
   * Every op and option: [9, 10, 3] input (zero point -3); conv 3x3 SAME ReLU with the zero point
   * above the grid minimum (an int8 Clip); max pool 2x2 stride 2 padded bottom/right; conv 2x2
   * dilated 2x1, stride 1x2, asymmetric padding, ReLU6 on a 6-bit output; average pool 2x2 stride 1
   * padded bottom/right; flatten into fully connected per tensor then per channel ReLU6; output.
   */
  static IntegerModel allOps(long seed, int weightBits, InputLayout layout) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.input("image", Shape.of(9, 10, 3));
    x = b.quantizeInput("quantized", x, Quantization.int8(1f / 100, -3));
    x = conv(b, r, "conv1", x, 6, 3, 3, weightBits, ConvWindow.of(1, 1, Padding.same(9, 10, 3, 3, 1, 1, 1, 1)),
        -20, 8, new ActivationClamp(-20, 127));
    x = b.maxPool2d("pool1", x, new PoolWindow(2, 2, 2, 2, new Padding(0, 0, 1, 1)));
    x = conv(b, r, "conv2", x, 5, 2, 2, weightBits, new ConvWindow(1, 2, 2, 1, new Padding(1, 0, 2, 1)),
        -12, 6, new ActivationClamp(-12, 20));
    x = b.averagePool2d("pool2", x, new PoolWindow(2, 2, 1, 1, new Padding(0, 0, 1, 1)));
    x = b.flatten("flatten", x);
    x = fc(b, r, "fc1", x, 12, weightBits, false, 7, ActivationClamp.full(Quantization.int8(1, 7)));
    x = fc(b, r, "fc2", x, 10, weightBits, true, -100, new ActivationClamp(-100, 60));
    b.dequantizeOutput("logits", x);
    return model(b.build(), layout);
  }

  /**
   * Reshapes of every kind: [4, 6, 2] input; conv 1x1 (7-bit weights); reshape to [6, 4, 2] (NCHW to NHWC and
   * back); reshape to [8, 6] (rank 2); flatten read by the output, not by a fully-connected layer.
   */
  static IntegerModel reshapes(long seed, InputLayout layout) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.input("image", Shape.of(4, 6, 2));
    x = b.quantizeInput("quantized", x, Quantization.int8(1f / 50, 0));
    x = conv(b, r, "conv", x, 2, 1, 1, 7, ConvWindow.of(1, 1, Padding.valid()), 5, 8, new ActivationClamp(-128, 127));
    x = b.reshape("as_6x4x2", x, Shape.of(6, 4, 2));
    x = b.reshape("as_8x6", x, Shape.of(8, 6));
    x = b.flatten("flat", x);
    b.dequantizeOutput("values", x);
    return model(b.build(), layout);
  }

  /** A feature-map output: conv 3x3 VALID, 4 channels, ReLU; the output is [6, 5, 4]. */
  static IntegerModel featureMapOutput(long seed, InputLayout layout) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.input("image", Shape.of(8, 7, 2));
    x = b.quantizeInput("quantized", x, Quantization.int8(1f / 64, -128));
    x = conv(b, r, "conv", x, 4, 3, 3, 8, ConvWindow.of(1, 1, Padding.valid()), -30, 8, new ActivationClamp(-30, 127));
    b.dequantizeOutput("features", x);
    return model(b.build(), layout);
  }

  /**
   * Shaped like the digits CNN that {@code Qat.export} writes: input {@code input} [8, 8, 1], conv
   * 3x3 padding 1 (8 channels, ReLU), max pool 2x2, flatten, fully connected to 10, output {@code
   * output}; random weights.
   */
  static IntegerModel digitsShaped(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("input_q", b.input("input", Shape.of(8, 8, 1)), Quantization.int8(1f / 255, -128));
    x = conv(b, r, "conv", x, 8, 3, 3, 8, ConvWindow.of(1, 1, Padding.symmetric(1, 1)), -128, 8,
        new ActivationClamp(-128, 127));
    x = b.maxPool2d("pool", x, new PoolWindow(2, 2, 2, 2, Padding.valid()));
    x = b.flatten("flatten", x);
    x = fc(b, r, "fc", x, 10, 8, true, 0, new ActivationClamp(-128, 127));
    b.dequantizeOutput("output", x);
    return model(b.build(), InputLayout.NCHW);
  }

  /** An MLP on a vector: a 4-bit input (a narrow input clamp), per-tensor then per-channel layers. */
  static IntegerModel mlp(long seed, int weightBits) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.input("features", Shape.of(40));
    x = b.quantizeInput("quantized", x, new Quantization(1f / 8, -8, 4));
    x = fc(b, r, "hidden", x, 24, weightBits, false, -60, new ActivationClamp(-60, 127));
    x = fc(b, r, "out", x, 10, weightBits, true, 5, new ActivationClamp(-128, 127));
    b.dequantizeOutput("logits", x);
    return model(b.build(), InputLayout.NCHW);
  }

  /** Quantize then dequantize: the input edge alone, [1, 1, 64] (zero point {@code zeroPoint}). */
  static IntegerModel inputEdge(float scale, int zeroPoint) {
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.input("x", Shape.of(64));
    x = b.quantizeInput("quantized", x, Quantization.int8(scale, zeroPoint));
    b.dequantizeOutput("y", x);
    return model(b.build(), InputLayout.NCHW);
  }

  /** One fully-connected layer (per channel or per tensor) with an explicit clamp. */
  static IntegerModel singleFullyConnected(long seed, int weightBits, boolean perChannel, ActivationClamp clamp) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("quantized", b.input("features", Shape.of(50)), Quantization.int8(1f / 60, -20));
    x = fc(b, r, "fc", x, 12, weightBits, perChannel, -5, clamp);
    b.dequantizeOutput("y", x);
    return model(b.build(), InputLayout.NCHW);
  }

  /** One 3x3 convolution (stride 1, padding 1) with an explicit clamp. */
  static IntegerModel singleConv(long seed, int weightBits, ActivationClamp clamp) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("quantized", b.input("image", Shape.of(7, 7, 4)), Quantization.int8(1f / 60, 10));
    x = conv(b, r, "conv", x, 6, 3, 3, weightBits, ConvWindow.of(1, 1, Padding.symmetric(1, 1)), -5, 8, clamp);
    b.dequantizeOutput("y", x);
    return model(b.build(), InputLayout.NCHW);
  }

  /**
   * One pooling op with an explicit clamp (the builder gives pools the full grid; exporters may
   * fuse an activation): [7, 6, 3] input with zero point 9, window 3x2, stride 2x1, padding
   * top/left 1, bottom 2, right 1.
   */
  static IntegerModel pool(boolean max, ActivationClamp clamp) {
    Shape inShape = Shape.of(7, 6, 3);
    PoolWindow window = new PoolWindow(3, 2, 2, 1, new Padding(1, 1, 2, 1));
    Quantization q = Quantization.int8(0.02f, 9);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.quantizeInput("quantized", b.input("image", inShape), q);
    int y = max ? b.maxPool2d("pool", x, window) : b.averagePool2d("pool", x, window);
    b.dequantizeOutput("y", y);
    IntegerGraph built = b.build();
    List<Op> ops = new ArrayList<>(built.ops());
    ops.set(1, max ? new MaxPool2D("pool", 1, 2, window, clamp) : new AveragePool2D("pool", 1, 2, window, clamp));
    return model(IntegerGraph.of(built.tensors(), ops, built.input().id(), built.output().id()), InputLayout.NCHW);
  }

  /** A convolution with random per-channel weights and an output scale fitted to its accumulator. */
  static int conv(IntegerGraphBuilder b, SplittableRandom r, String name, int x, int outC, int kh, int kw, int bits,
      ConvWindow window, int zeroPoint, int outBits, ActivationClamp clamp) {
    int inC = b.shape(x).dim(2);
    int depth = kh * kw * inC;
    Quantization out = new Quantization(outScale(b.quantization(x).scale(), WEIGHT_SCALE, depth, bits), zeroPoint,
        outBits);
    return b.conv2d(name, x, QuantizedWeights.perChannel(Shape.of(outC, kh, kw, inC), weights(r, outC * depth, bits),
        scales(r, outC, WEIGHT_SCALE), bits), bias(r, outC), window, out, clamp);
  }

  /** A fully-connected layer with random weights and an output scale fitted to its accumulator. */
  static int fc(IntegerGraphBuilder b, SplittableRandom r, String name, int x, int out, int bits, boolean perChannel,
      int zeroPoint, ActivationClamp clamp) {
    int k = b.shape(x).elementCount();
    QuantizedWeights w = perChannel
        ? QuantizedWeights.perChannel(Shape.of(out, k), weights(r, out * k, bits), scales(r, out, WEIGHT_SCALE), bits)
        : QuantizedWeights.perTensor(Shape.of(out, k), weights(r, out * k, bits), WEIGHT_SCALE, bits);
    Quantization q = Quantization.int8(outScale(b.quantization(x).scale(), WEIGHT_SCALE, k, bits), zeroPoint);
    return b.fullyConnected(name, x, w, bias(r, out), q, clamp);
  }

  /** An output scale that puts a typical accumulator about 40 steps from the zero point. */
  static float outScale(float inScale, float weightScale, int depth, int bits) {
    double typicalAccumulator = Math.sqrt(depth) * 60 * QuantizedWeights.maxMagnitude(bits) * 0.6;
    return (float) (inScale * weightScale * typicalAccumulator / 40);
  }

  /** Random narrow-range weights of {@code bits} bits, the extremes included. */
  static byte[] weights(SplittableRandom r, int n, int bits) {
    int max = QuantizedWeights.maxMagnitude(bits);
    byte[] w = new byte[n];
    for (int i = 0; i < n; i++) {
      w[i] = (byte) (r.nextInt(2 * max + 1) - max);
    }
    return w;
  }

  static float[] scales(SplittableRandom r, int n, float typical) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = typical * (float) (0.5 + r.nextDouble());
    }
    return s;
  }

  static int[] bias(SplittableRandom r, int n) {
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      b[i] = r.nextInt(4001) - 2000;
    }
    return b;
  }

  private static IntegerModel model(IntegerGraph graph, InputLayout layout) {
    return new IntegerModel(graph, ModelMetadata.create("test model", List.of(), layout));
  }
}
