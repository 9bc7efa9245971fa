package org.qat4j.core.graph;

import org.qat4j.core.kernels.AccumulatorBound;

/** The checks Conv2D and FullyConnected share: channel counts and the accumulator bound. */
final class MultiplyAccumulateChecks {

  private MultiplyAccumulateChecks() {}

  static void check(String kind, String name, QuantizedWeights weights, int[] bias, ChannelMultipliers multipliers) {
    int channels = weights.channels();
    if (bias.length != channels) {
      throw new IllegalArgumentException(kind + " op '" + name + "': " + bias.length + " bias values for "
          + channels + " output channels; give one int32 bias per channel (zeros if the layer has none)");
    }
    if (multipliers.channels() != channels) {
      throw new IllegalArgumentException(kind + " op '" + name + "': " + multipliers.channels()
          + " multipliers for " + channels + " output channels");
    }
    String problem = AccumulatorBound.check(weights.valuesView(), channels, weights.depth(), bias);
    if (problem != null) {
      throw new IllegalArgumentException(kind + " op '" + name + "': " + problem);
    }
  }
}
