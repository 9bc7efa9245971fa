package org.qat4j.core.graph;

import java.util.SplittableRandom;

/** Small deterministic graphs shared by the graph, format and runtime tests. */
public final class TestGraphs {

  private TestGraphs() {}

  /** Random narrow-range weights of {@code bits} bits. */
  public static byte[] weights(SplittableRandom r, int n, int bits) {
    int max = QuantizedWeights.maxMagnitude(bits);
    byte[] w = new byte[n];
    for (int i = 0; i < n; i++) {
      w[i] = (byte) (r.nextInt(2 * max + 1) - max);
    }
    return w;
  }

  /** Random per-channel scales around {@code typical}. */
  public static float[] scales(SplittableRandom r, int n, float typical) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = typical * (float) (0.5 + r.nextDouble());
    }
    return s;
  }

  /** Random int32 bias of moderate size. */
  public static int[] bias(SplittableRandom r, int n) {
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      b[i] = r.nextInt(4001) - 2000;
    }
    return b;
  }

  /**
   * A small CNN touching every op and option: [6, 7, 2] float input; conv 3x3 SAME ReLU (8-bit
   * weights); max pool 2x2 with bottom/right padding; conv 3x3 dilated, explicit asymmetric padding,
   * ReLU6, 4-bit weights, 6-bit output; average pool 2x2 stride 1; flatten; fully connected per
   * tensor (2-bit weights); fully connected per channel (8-bit); dequantize to [5].
   */
  public static IntegerGraph smallCnn(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.input("image", Shape.of(6, 7, 2));
    x = b.quantizeInput("quantize", x, Quantization.int8(0.02f, -3));
    x = b.conv2d("conv1", x, QuantizedWeights.perChannel(Shape.of(4, 3, 3, 2), weights(r, 72, 8), scales(r, 4, 0.004f), 8),
        bias(r, 4), ConvWindow.of(1, 1, Padding.same(6, 7, 3, 3, 1, 1, 1, 1)), Quantization.int8(0.03f, -128),
        FusedActivation.RELU);
    x = b.maxPool2d("pool1", x, new PoolWindow(2, 2, 2, 2, new Padding(0, 0, 0, 1)));
    x = b.conv2d("conv2", x, QuantizedWeights.perChannel(Shape.of(3, 2, 2, 4), weights(r, 48, 4), scales(r, 3, 0.05f), 4),
        bias(r, 3), new ConvWindow(1, 1, 2, 1, new Padding(1, 0, 2, 1)), new Quantization(0.1f, -32, 6),
        FusedActivation.RELU6);
    x = b.averagePool2d("pool2", x, new PoolWindow(2, 2, 1, 1, Padding.valid()));
    x = b.flatten("flatten", x);
    int k = b.shape(x).elementCount();
    x = b.fullyConnected("fc1", x, QuantizedWeights.perTensor(Shape.of(7, k), weights(r, 7 * k, 2), 0.3f, 2),
        bias(r, 7), Quantization.int8(0.25f, 10), FusedActivation.NONE);
    x = b.fullyConnected("fc2", x, QuantizedWeights.perChannel(Shape.of(5, 7), weights(r, 35, 8), scales(r, 5, 0.01f), 8),
        bias(r, 5), Quantization.int8(0.125f, 0), FusedActivation.NONE);
    b.dequantizeOutput("logits", x);
    return b.build();
  }

  /** A multilayer perceptron on a vector input: [inputs] -> fc ReLU [hidden] -> fc [outputs]. */
  public static IntegerGraph mlp(long seed, int inputs, int hidden, int outputs) {
    SplittableRandom r = new SplittableRandom(seed);
    IntegerGraphBuilder b = IntegerGraph.builder();
    int x = b.input("features", Shape.of(inputs));
    x = b.quantizeInput("quantize", x, Quantization.int8(1f / 64, -128));
    x = b.fullyConnected("hidden", x, QuantizedWeights.perChannel(Shape.of(hidden, inputs),
        weights(r, hidden * inputs, 8), scales(r, hidden, 0.01f), 8), bias(r, hidden), Quantization.int8(0.05f, -128),
        FusedActivation.RELU);
    x = b.fullyConnected("out", x, QuantizedWeights.perChannel(Shape.of(outputs, hidden),
        weights(r, outputs * hidden, 8), scales(r, outputs, 0.01f), 8), bias(r, outputs), Quantization.int8(0.2f, 5),
        FusedActivation.NONE);
    b.dequantizeOutput("logits", x);
    return b.build();
  }
}
