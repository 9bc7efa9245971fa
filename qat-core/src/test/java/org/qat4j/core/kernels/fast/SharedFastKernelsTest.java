package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.kernels.KernelSet;
import org.qat4j.core.runtime.Interpreter;

/**
 * {@link FastKernels#shared()}: one set for the JVM, whatever its warm-up's progress; correct at
 * once (whichever kernels it runs when first used) and on the fast kernels once warm.
 */
class SharedFastKernelsTest {

  @Test
  void theSharedSetIsCorrectBeforeAndAfterItsWarmUpThenRunsTheFastKernels() throws Exception {
    KernelSet shared = FastKernels.shared();
    assertSame(shared, FastKernels.shared());
    assertEquals(FastKernels.NAME, shared.name());
    IntegerModel model = SwitchingKernelsTest.model(8);
    Interpreter interpreter = new Interpreter(model);
    assertSame(shared, interpreter.kernels());
    Interpreter reference = new Interpreter(model, KernelSet.reference(), 1);
    SplittableRandom r = new SplittableRandom(8);
    float[] x = SwitchingKernelsTest.floats(r, 9 * reference.inputSize());
    // Probably during the warm-up (unless another test has warmed the set up): the same bytes.
    SwitchingKernelsTest.assertSameTensors(reference.runTraced(x), interpreter.runTraced(x), "first run");

    assertTrue(FastKernels.awaitSharedWarmUp(2, TimeUnit.MINUTES), "no warm-up within 2 minutes");
    assertTrue(((SwitchingKernels) shared.fullyConnected()).switched());
    assertSame(shared.fullyConnected(), shared.conv2D());
    assertEquals(Int8Gemm.defaultVariant(), FastKernels.sharedVariant(), "these tests run with C2");
    x = SwitchingKernelsTest.floats(r, 9 * reference.inputSize());
    SwitchingKernelsTest.assertSameTensors(reference.runTraced(x), interpreter.runTraced(x), "after the warm-up");
    assertTrue(FastKernels.awaitSharedWarmUp(0, TimeUnit.SECONDS), "warm stays warm");
  }
}
