package org.qat4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.TestGraphs;
import org.qat4j.core.kernels.EdgeQuantizer;
import org.qat4j.core.kernels.KernelSet;

class InterpreterTest {

  static IntegerModel model(IntegerGraph g, InputLayout layout) {
    return new IntegerModel(g, ModelMetadata.create("test", List.of(), layout));
  }

  static float[] floats(SplittableRandom r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 5 - 2);
    }
    return x;
  }

  static byte[] quantize(float[] x, Quantization q) {
    byte[] out = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (byte) EdgeQuantizer.quantize(x[i], q.scale(), q.zeroPoint(), -128, 127);
    }
    return out;
  }

  @Test
  void matchesTheOpByOpOracleOnEveryOpKind() {
    SplittableRandom r = new SplittableRandom(31);
    for (long seed = 0; seed < 20; seed++) {
      IntegerGraph g = TestGraphs.smallCnn(seed);
      Interpreter interpreter = new Interpreter(model(g, InputLayout.NHWC));
      int batch = 1 + r.nextInt(4);
      float[] x = floats(r, batch * interpreter.inputSize());
      byte[] q = quantize(x, g.inputQuantization());
      byte[] expected = GraphOracle.run(g, q, batch);
      assertArrayEquals(expected, interpreter.runQuantized(q), "seed " + seed);
      float[] real = interpreter.run(x);
      Quantization out = g.outputQuantization();
      for (int i = 0; i < real.length; i++) {
        assertEquals((float) ((double) out.scale() * (expected[i] - out.zeroPoint())), real[i], "seed " + seed);
      }
    }
  }

  @Test
  void aTracedRunReturnsEveryInt8TensorAsTheOracleComputesIt() {
    SplittableRandom r = new SplittableRandom(47);
    for (long seed = 0; seed < 10; seed++) {
      IntegerGraph g = TestGraphs.smallCnn(seed);
      Interpreter interpreter = new Interpreter(model(g, InputLayout.NHWC));
      int batch = 1 + r.nextInt(3);
      float[] x = floats(r, batch * interpreter.inputSize());
      byte[][] expected = GraphOracle.runAll(g, quantize(x, g.inputQuantization()), batch);
      java.util.Map<String, byte[]> traced = interpreter.runTraced(x);
      List<String> int8Names = g.tensors().stream().filter(t -> t.quantization() != null).map(t -> t.name()).toList();
      assertEquals(int8Names, List.copyOf(traced.keySet()), "every int8 tensor, in graph order");
      for (org.qat4j.core.graph.Tensor t : g.tensors()) {
        if (t.quantization() != null) {
          assertArrayEquals(expected[t.id()], traced.get(t.name()), "seed " + seed + ", tensor " + t.name());
        }
      }
    }
  }

  @Test
  void nchwInputIsTransposedToNhwcAtTheEdge() {
    IntegerGraph g = TestGraphs.smallCnn(3); // NHWC [6, 7, 2]
    Interpreter nhwc = new Interpreter(model(g, InputLayout.NHWC));
    Interpreter nchw = new Interpreter(model(g, InputLayout.NCHW));
    int h = 6;
    int w = 7;
    int c = 2;
    int batch = 3;
    float[] userNchw = floats(new SplittableRandom(2), batch * c * h * w);
    float[] asNhwc = new float[userNchw.length];
    for (int n = 0; n < batch; n++) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            asNhwc[((n * h + y) * w + x) * c + ch] = userNchw[((n * c + ch) * h + y) * w + x];
          }
        }
      }
    }
    assertArrayEquals(nhwc.run(asNhwc), nchw.run(userNchw));
    byte[] q = quantize(userNchw, g.inputQuantization());
    assertArrayEquals(nhwc.runQuantized(quantize(asNhwc, g.inputQuantization())), nchw.runQuantized(q));
  }

  @Test
  void batchesOfAnySizeEqualOneExampleAtATime() {
    IntegerGraph g = TestGraphs.smallCnn(9);
    Interpreter batched = new Interpreter(model(g, InputLayout.NCHW));
    Interpreter single = new Interpreter(model(g, InputLayout.NCHW));
    SplittableRandom r = new SplittableRandom(4);
    for (int batch : new int[] {1, 5, 2, 9, 0, 3}) {
      float[] x = floats(r, batch * batched.inputSize());
      float[] all = batched.run(x);
      for (int b = 0; b < batch; b++) {
        float[] one = single.run(Arrays.copyOfRange(x, b * single.inputSize(), (b + 1) * single.inputSize()));
        assertArrayEquals(one, Arrays.copyOfRange(all, b * batched.outputSize(), (b + 1) * batched.outputSize()),
            "batch " + batch + ", example " + b);
      }
    }
    assertEquals(9, batched.capacity(), "buffers grew to the largest batch and were reused");
  }

  @Test
  void predictIsTheArgmaxOfRun() {
    IntegerGraph g = TestGraphs.mlp(5, 30, 16, 10);
    Interpreter interpreter = new Interpreter(model(g, InputLayout.NHWC), KernelSet.reference(), 8);
    float[] x = floats(new SplittableRandom(6), 40 * 30);
    float[] out = interpreter.run(x);
    int[] predicted = interpreter.predict(x);
    for (int b = 0; b < 40; b++) {
      int best = 0;
      for (int i = 0; i < 10; i++) {
        if (out[b * 10 + i] > out[b * 10 + best]) {
          best = i;
        }
      }
      assertEquals(best, predicted[b]);
    }
  }

  @Test
  void theInterpreterCallsTheKernelsItIsGiven() {
    AtomicInteger calls = new AtomicInteger();
    KernelSet ref = KernelSet.reference();
    KernelSet counting = new KernelSet("counting",
        (p, n, in, out) -> {
          calls.incrementAndGet();
          ref.fullyConnected().fullyConnected(p, n, in, out);
        },
        (p, n, in, out) -> {
          calls.addAndGet(100);
          ref.conv2D().conv2D(p, n, in, out);
        }, ref.maxPool(), ref.averagePool());
    IntegerModel m = model(TestGraphs.smallCnn(1), InputLayout.NHWC);
    float[] x = floats(new SplittableRandom(1), 2 * 84);
    assertArrayEquals(new Interpreter(m).run(x), new Interpreter(m, counting, 1).run(x));
    assertEquals(202, calls.get(), "two convolutions and two fully-connected layers");
  }

  @Test
  void modelsAreShareableAcrossThreadsWithOneInterpreterEach() throws Exception {
    IntegerModel m = model(TestGraphs.smallCnn(8), InputLayout.NCHW);
    float[] x = floats(new SplittableRandom(8), 16 * 84);
    float[] expected = new Interpreter(m).run(x);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<float[]>> results = pool.invokeAll(List.of(() -> repeat(m, x), () -> repeat(m, x)));
      for (Future<float[]> f : results) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static float[] repeat(IntegerModel m, float[] x) {
    Interpreter own = new Interpreter(m);
    float[] last = null;
    for (int i = 0; i < 50; i++) {
      last = own.run(x);
    }
    return last;
  }

  @Test
  void badInputsGetClearMessages() {
    IntegerModel m = model(TestGraphs.smallCnn(1), InputLayout.NCHW);
    Interpreter interpreter = new Interpreter(m);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> interpreter.run(new float[85]));
    assertEquals("input has 85 values, not a multiple of the 84 values per example (shape [2, 6, 7], layout NCHW)",
        e.getMessage());
    float[] nan = new float[84];
    nan[5] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> interpreter.run(nan));
    assertTrue(e.getMessage().contains("is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> interpreter.run(new float[84], 2, new float[10]));
    assertEquals("input has 84 values, 2 examples need 168", e.getMessage());
  }
}
