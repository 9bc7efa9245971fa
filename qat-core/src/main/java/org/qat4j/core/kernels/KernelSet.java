package org.qat4j.core.kernels;

import java.util.Objects;

/**
 * The implementation chosen for each op kind: the strategy an interpreter runs with. {@link
 * #reference()} is the oracle; a fast set replaces some members with twins of the same signature
 * that must produce identical bytes.
 *
 * @param name a short name recorded in reports, e.g. "reference"
 * @param fullyConnected fully-connected implementation
 * @param conv2D per-channel convolution implementation
 * @param maxPool max-pooling implementation
 * @param averagePool average-pooling implementation
 */
public record KernelSet(String name, FullyConnectedKernel fullyConnected, Conv2DKernel conv2D,
    PoolKernel maxPool, PoolKernel averagePool) {

  private static final KernelSet REFERENCE = new KernelSet("reference", new ReferenceFullyConnected(),
      new ReferenceConv2D(), new ReferenceMaxPool(), new ReferenceAveragePool());

  /** Rejects null members. */
  public KernelSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fullyConnected, "fullyConnected");
    Objects.requireNonNull(conv2D, "conv2D");
    Objects.requireNonNull(maxPool, "maxPool");
    Objects.requireNonNull(averagePool, "averagePool");
  }

  /** The reference kernels: plain loops, the definition of qat4j's int8 arithmetic. */
  public static KernelSet reference() {
    return REFERENCE;
  }

  // The reference kernels as objects. Classes rather than method references: a method reference
  // is linked through invokedynamic on first use, which costs tens of milliseconds at JVM
  // start-up, on the way to the first inference.

  private static final class ReferenceFullyConnected implements FullyConnectedKernel {
    @Override
    public void fullyConnected(FullyConnectedParams params, int batches, byte[] input, byte[] output) {
      FullyConnectedReference.fullyConnected(params, batches, input, output);
    }
  }

  private static final class ReferenceConv2D implements Conv2DKernel {
    @Override
    public void conv2D(ConvParams params, int batches, byte[] input, byte[] output) {
      Conv2DPerChannelReference.conv2D(params, batches, input, output);
    }
  }

  private static final class ReferenceMaxPool implements PoolKernel {
    @Override
    public void pool(PoolParams params, int batches, byte[] input, byte[] output) {
      MaxPoolReference.maxPool(params, batches, input, output);
    }
  }

  private static final class ReferenceAveragePool implements PoolKernel {
    @Override
    public void pool(PoolParams params, int batches, byte[] input, byte[] output) {
      AveragePoolReference.averagePool(params, batches, input, output);
    }
  }
}
