package org.qat4j.core.quant;

import java.util.Arrays;

/**
 * Gradients of per-tensor fake quantization (docs/quantization.md eq. 12 and 13), as
 * TensorFlow's {@code FakeQuantWithMinMaxVarsGradient} returns them.
 *
 * <p>The record holds the array it was given without copying it: {@link FakeQuant} allocates
 * a fresh one for every call and hands it over. {@code equals} compares contents.
 *
 * @param dx gradient with respect to each input: the upstream gradient inside the nudged
 *     range, 0 outside
 * @param dMin gradient with respect to {@code min}: the sum of the upstream gradient over
 *     inputs below the nudged range
 * @param dMax gradient with respect to {@code max}: the sum of the upstream gradient over
 *     inputs above the nudged range
 */
public record FakeQuantGradients(float[] dx, float dMin, float dMax) {

  @Override
  public boolean equals(Object other) {
    return other instanceof FakeQuantGradients g && Arrays.equals(dx, g.dx)
        && Float.compare(dMin, g.dMin) == 0 && Float.compare(dMax, g.dMax) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(dx) + Float.hashCode(dMin)) + Float.hashCode(dMax);
  }

  @Override
  public String toString() {
    return "FakeQuantGradients[dx=" + Arrays.toString(dx) + ", dMin=" + dMin + ", dMax=" + dMax
        + "]";
  }
}
