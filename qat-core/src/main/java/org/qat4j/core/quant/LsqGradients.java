package org.qat4j.core.quant;

import java.util.Arrays;

/**
 * Gradients of per-tensor LSQ fake quantization (docs/quantization.md eq. 15 to 17), as
 * PyTorch's {@code _fake_quantize_learnable_per_tensor_affine_backward} returns them.
 *
 * <p>The record holds the array it was given without copying it: {@link LsqFakeQuant}
 * allocates a fresh one for every call and hands it over. {@code equals} compares contents.
 *
 * @param dx gradient with respect to each input: the upstream gradient where the input's grid
 *     index is inside {@code [quantMin, quantMax]}, 0 elsewhere
 * @param dScale gradient with respect to the scale, summed over all elements and multiplied by
 *     the gradient scale
 * @param dZeroPoint gradient with respect to the (real-valued) zero point, summed over all
 *     elements and multiplied by the gradient scale
 */
public record LsqGradients(float[] dx, float dScale, float dZeroPoint) {

  @Override
  public boolean equals(Object other) {
    return other instanceof LsqGradients g && Arrays.equals(dx, g.dx)
        && Float.compare(dScale, g.dScale) == 0 && Float.compare(dZeroPoint, g.dZeroPoint) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(dx) + Float.hashCode(dScale))
        + Float.hashCode(dZeroPoint);
  }

  @Override
  public String toString() {
    return "LsqGradients[dx=" + Arrays.toString(dx) + ", dScale=" + dScale + ", dZeroPoint="
        + dZeroPoint + "]";
  }
}
