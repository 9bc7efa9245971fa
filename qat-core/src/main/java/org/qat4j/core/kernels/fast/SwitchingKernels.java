package org.qat4j.core.kernels.fast;

import java.util.Objects;
import org.qat4j.core.kernels.Conv2DKernel;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FullyConnectedKernel;
import org.qat4j.core.kernels.FullyConnectedParams;
import org.qat4j.core.kernels.KernelSet;

/**
 * The fully connected and convolution kernels of a set that starts on one set of kernels and
 * switches, once, to another: {@link FastKernels#shared()} runs the reference kernels while the
 * fast ones warm up, then the fast ones. Both sides must give identical bytes (the fast kernels
 * are tested against the reference byte for byte), so the switch changes speed, never results.
 *
 * <p>Thread-safe: the target is a volatile field written once; every call reads it once and runs
 * wholly on one side, so a call that races with the switch runs on either and is correct on
 * both. Later calls see the switch (volatile write, then read).
 */
final class SwitchingKernels implements FullyConnectedKernel, Conv2DKernel {

  private final KernelSet before;
  private volatile KernelSet after;

  /** Kernels that run {@code before} until {@link #switchTo} is called. */
  SwitchingKernels(KernelSet before) {
    this.before = Objects.requireNonNull(before, "before");
  }

  /** From now on, runs {@code after}'s fully connected and convolution kernels. */
  void switchTo(KernelSet after) {
    this.after = Objects.requireNonNull(after, "after");
  }

  /** Whether {@link #switchTo} has been called. */
  boolean switched() {
    return after != null;
  }

  /** The set whose fully connected and convolution members are this object, and whose pools are {@code pools}'. */
  KernelSet kernelSet(String name, KernelSet pools) {
    return new KernelSet(name, this, this, pools.maxPool(), pools.averagePool());
  }

  @Override
  public void fullyConnected(FullyConnectedParams params, int batches, byte[] input, byte[] output) {
    KernelSet target = after; // one volatile read per call: the whole call runs on one side
    (target == null ? before : target).fullyConnected().fullyConnected(params, batches, input, output);
  }

  @Override
  public void conv2D(ConvParams params, int batches, byte[] input, byte[] output) {
    KernelSet target = after;
    (target == null ? before : target).conv2D().conv2D(params, batches, input, output);
  }
}
