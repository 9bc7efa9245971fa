package org.qat4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.TestGraphs;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.kernels.fast.FastKernels;
import org.qat4j.core.kernels.fast.Int8Gemm;

/** Whole models: the interpreter gives the same bytes with the fast kernels as with the reference. */
class FastInterpreterTest {

  @Test
  void fastKernelsGiveTheReferenceBytesOnRandomCnns() {
    SplittableRandom r = new SplittableRandom(41);
    try (Int8Gemm gemm = Int8Gemm.create(2)) {
      KernelSet fast = FastKernels.kernelSet(gemm);
      for (long seed = 0; seed < 20; seed++) {
        IntegerGraph g = TestGraphs.smallCnn(seed);
        IntegerModel model = InterpreterTest.model(g, seed % 2 == 0 ? InputLayout.NHWC : InputLayout.NCHW);
        Interpreter reference = new Interpreter(model, KernelSet.reference(), 1);
        Interpreter fastInterpreter = new Interpreter(model, fast, 1);
        for (int batch : new int[] {1, 3, 17}) {
          float[] x = InterpreterTest.floats(r, batch * reference.inputSize());
          assertEquals(reference.runTraced(x).keySet(), fastInterpreter.runTraced(x).keySet());
          var expected = reference.runTraced(x);
          var actual = fastInterpreter.runTraced(x);
          for (String tensor : expected.keySet()) {
            assertArrayEquals(expected.get(tensor), actual.get(tensor), "seed " + seed + ", batch " + batch
                + ", tensor " + tensor);
          }
          byte[] q = InterpreterTest.quantize(x, g.inputQuantization());
          assertArrayEquals(reference.runQuantized(q), fastInterpreter.runQuantized(q), "seed " + seed);
        }
      }
    }
  }

  @Test
  void fastKernelsGiveTheReferenceBytesOnAnMlp() {
    SplittableRandom r = new SplittableRandom(42);
    IntegerModel model = InterpreterTest.model(TestGraphs.mlp(6, 1100, 37, 10), InputLayout.NHWC);
    Interpreter reference = new Interpreter(model, KernelSet.reference(), 1);
    Interpreter fast = new Interpreter(model, FastKernels.kernelSet(1), 1);
    for (int batch : new int[] {1, 2, 33}) {
      float[] x = InterpreterTest.floats(r, batch * reference.inputSize());
      assertArrayEquals(reference.run(x), fast.run(x), "batch " + batch);
    }
  }
}
