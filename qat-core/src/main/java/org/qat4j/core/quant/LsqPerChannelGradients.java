package org.qat4j.core.quant;

import java.util.Arrays;

/**
 * Gradients of per-channel LSQ fake quantization (docs/quantization.md eq. 15 to 17 per
 * channel), as PyTorch's {@code _fake_quantize_learnable_per_channel_affine_backward} returns
 * them.
 *
 * <p>The record holds the arrays it was given without copying them: {@link LsqFakeQuant}
 * allocates fresh ones for every call and hands them over. {@code equals} compares contents.
 *
 * @param dx gradient with respect to each input
 * @param dScale per channel, the scale gradient summed over that channel's elements
 * @param dZeroPoint per channel, the zero-point gradient summed over that channel's elements
 */
public record LsqPerChannelGradients(float[] dx, float[] dScale, float[] dZeroPoint) {

  @Override
  public boolean equals(Object other) {
    return other instanceof LsqPerChannelGradients g && Arrays.equals(dx, g.dx)
        && Arrays.equals(dScale, g.dScale) && Arrays.equals(dZeroPoint, g.dZeroPoint);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(dx) + Arrays.hashCode(dScale))
        + Arrays.hashCode(dZeroPoint);
  }

  @Override
  public String toString() {
    return "LsqPerChannelGradients[dx=" + Arrays.toString(dx) + ", dScale="
        + Arrays.toString(dScale) + ", dZeroPoint=" + Arrays.toString(dZeroPoint) + "]";
  }
}
