package org.qat4j.core.quant;

import java.util.Arrays;

/**
 * Gradients of per-channel fake quantization (docs/quantization.md eq. 12 and 13 applied to
 * each channel), as TensorFlow's {@code FakeQuantWithMinMaxVarsPerChannelGradient} returns
 * them.
 *
 * <p>The record holds the arrays it was given without copying them: {@link FakeQuant}
 * allocates fresh ones for every call and hands them over. {@code equals} compares contents.
 *
 * @param dx gradient with respect to each input: the upstream gradient inside its channel's
 *     nudged range, 0 outside
 * @param dMin per channel, the sum of the upstream gradient over that channel's inputs below
 *     its nudged range
 * @param dMax per channel, the sum of the upstream gradient over that channel's inputs above
 *     its nudged range
 */
public record PerChannelFakeQuantGradients(float[] dx, float[] dMin, float[] dMax) {

  @Override
  public boolean equals(Object other) {
    return other instanceof PerChannelFakeQuantGradients g && Arrays.equals(dx, g.dx)
        && Arrays.equals(dMin, g.dMin) && Arrays.equals(dMax, g.dMax);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(dx) + Arrays.hashCode(dMin)) + Arrays.hashCode(dMax);
  }

  @Override
  public String toString() {
    return "PerChannelFakeQuantGradients[dx=" + Arrays.toString(dx) + ", dMin="
        + Arrays.toString(dMin) + ", dMax=" + Arrays.toString(dMax) + "]";
  }
}
