package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.format.ModelMetadata;
import org.qat4j.core.graph.TestGraphs;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.runtime.Interpreter;

/**
 * A kernel set that starts on the reference kernels and switches to the fast ones (what {@link
 * FastKernels#shared()} does while the fast kernels warm up): every tensor of every run is the
 * reference's, before the switch, after it, and for concurrent callers while it happens; and each
 * side really runs when it should.
 */
class SwitchingKernelsTest {

  @Test
  void sameBytesBeforeAndAfterTheSwitchAndEachSideRunsInItsTurn() {
    SplittableRandom r = new SplittableRandom(3);
    try (Int8Gemm gemm = Int8Gemm.create(2)) {
      for (long seed = 0; seed < 6; seed++) {
        IntegerModel model = model(seed);
        Counted before = new Counted(KernelSet.reference());
        Counted after = new Counted(FastKernels.kernelSet(gemm));
        SwitchingKernels switching = new SwitchingKernels(before.set);
        // One interpreter across the switch: it must see the switch without being rebuilt.
        Interpreter interpreter = new Interpreter(model, switching.kernelSet("fast", KernelSet.reference()), 1);
        Interpreter reference = new Interpreter(model, KernelSet.reference(), 1);
        for (int batch : new int[] {1, 5}) {
          float[] x = floats(r, batch * reference.inputSize());
          assertSameTensors(reference.runTraced(x), interpreter.runTraced(x), "before the switch, seed " + seed);
        }
        assertFalse(switching.switched());
        assertTrue(before.calls.get() > 0);
        assertEquals(0, after.calls.get(), "the fast kernels ran before the switch");

        switching.switchTo(after.set);
        int beforeCalls = before.calls.get();
        for (int batch : new int[] {1, 5}) {
          float[] x = floats(r, batch * reference.inputSize());
          assertSameTensors(reference.runTraced(x), interpreter.runTraced(x), "after the switch, seed " + seed);
        }
        assertTrue(switching.switched());
        assertTrue(after.calls.get() > 0);
        assertEquals(beforeCalls, before.calls.get(), "the reference kernels ran after the switch");
      }
    }
  }

  @Test
  void concurrentCallersWhileTheSwitchHappensAllGetTheReferenceBytes() throws Exception {
    IntegerModel model = model(11);
    Interpreter reference = new Interpreter(model, KernelSet.reference(), 1);
    SplittableRandom r = new SplittableRandom(12);
    int inputs = 16;
    List<float[]> x = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      x.add(floats(r, 3 * reference.inputSize()));
      expected.add(reference.run(x.get(i)));
    }
    try (Int8Gemm gemm = Int8Gemm.create(2)) {
      Counted before = new Counted(KernelSet.reference());
      Counted after = new Counted(FastKernels.kernelSet(gemm));
      SwitchingKernels switching = new SwitchingKernels(before.set);
      KernelSet shared = switching.kernelSet("fast", KernelSet.reference());
      int threads = 4;
      int runsPerThread = 150;
      CountDownLatch someRunsDone = new CountDownLatch(threads * 20);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> mismatches = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int first = t;
          mismatches.add(pool.submit(() -> {
            Interpreter own = new Interpreter(model, shared, 1); // one interpreter per thread, one shared set
            int wrong = 0;
            int runsSeeingTheSwitch = 0; // counted before the run, so the run itself is after the switch
            for (int i = 0; i < runsPerThread || runsSeeingTheSwitch < 20; i++) {
              if (switching.switched()) {
                runsSeeingTheSwitch++;
              }
              int k = (first + i) % inputs;
              if (!Arrays.equals(expected.get(k), own.run(x.get(k)))) {
                wrong++;
              }
              someRunsDone.countDown();
            }
            return wrong;
          }));
        }
        assertTrue(someRunsDone.await(60, TimeUnit.SECONDS));
        switching.switchTo(after.set); // while the callers are running
        for (Future<Integer> m : mismatches) {
          assertEquals(0, m.get(60, TimeUnit.SECONDS), "runs that differ from the reference");
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(before.calls.get() > 0, "no run before the switch");
      assertTrue(after.calls.get() > 0, "no run after the switch");
    }
  }

  @Test
  void theKernelSetHasTheSwitchingKernelsAndThePoolsItIsGiven() {
    SwitchingKernels switching = new SwitchingKernels(KernelSet.reference());
    KernelSet set = switching.kernelSet("fast", KernelSet.reference());
    assertEquals("fast", set.name());
    assertSame(switching, set.fullyConnected());
    assertSame(switching, set.conv2D());
    assertSame(KernelSet.reference().maxPool(), set.maxPool());
    assertSame(KernelSet.reference().averagePool(), set.averagePool());
  }

  /** A kernel set that counts the fully connected and convolution calls it forwards. */
  static final class Counted {
    final AtomicInteger calls = new AtomicInteger();
    final KernelSet set;

    Counted(KernelSet target) {
      set = new KernelSet(target.name(),
          (p, n, in, out) -> {
            calls.incrementAndGet();
            target.fullyConnected().fullyConnected(p, n, in, out);
          },
          (p, n, in, out) -> {
            calls.incrementAndGet();
            target.conv2D().conv2D(p, n, in, out);
          }, target.maxPool(), target.averagePool());
    }
  }

  static IntegerModel model(long seed) {
    return new IntegerModel(TestGraphs.smallCnn(seed), ModelMetadata.create("test", List.of(),
        seed % 2 == 0 ? InputLayout.NHWC : InputLayout.NCHW));
  }

  static float[] floats(SplittableRandom r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 5 - 2);
    }
    return x;
  }

  static void assertSameTensors(Map<String, byte[]> expected, Map<String, byte[]> actual, String message) {
    assertEquals(expected.keySet(), actual.keySet(), message);
    for (String tensor : expected.keySet()) {
      assertArrayEquals(expected.get(tensor), actual.get(tensor), message + ", tensor " + tensor);
    }
  }
}
