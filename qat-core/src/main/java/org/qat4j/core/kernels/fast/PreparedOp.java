package org.qat4j.core.kernels.fast;

import java.util.Objects;

/**
 * A multiply-accumulate op in the form the fast kernels run it: its weights as an {@link
 * Int8Weights} matrix and its output stage as a {@link Requantizer}. Built once per op by {@link
 * PreparedOps}.
 *
 * @param weights the [outputs][depth] weight matrix
 * @param requantizer bias, requantization and clamp per output channel
 */
record PreparedOp(Int8Weights weights, Requantizer requantizer) {

  /** Checks that both parts are present and describe the same number of output channels. */
  PreparedOp {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(requantizer, "requantizer");
    if (weights.outputs() != requantizer.channels()) {
      throw new IllegalArgumentException("weights have " + weights.outputs() + " outputs but the output stage has "
          + requantizer.channels() + " channels; they must match");
    }
  }
}
