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

  private static final KernelSet REFERENCE = new KernelSet("reference",
      FullyConnectedReference::fullyConnected, Conv2DPerChannelReference::conv2D,
      MaxPoolReference::maxPool, AveragePoolReference::averagePool);

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
}
