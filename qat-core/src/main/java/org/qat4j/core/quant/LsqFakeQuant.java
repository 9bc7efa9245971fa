package org.qat4j.core.quant;

/**
 * Fake quantization with a learned step size (LSQ, Esser et al., ICLR 2020), with PyTorch's
 * {@code _LearnableFakeQuantize} arithmetic: forward, and gradients for the input, the scale
 * and the zero point (docs/quantization.md eq. 14 to 18).
 *
 * <p>Unlike {@link FakeQuant}, the parameters are the scale and zero point themselves, not a
 * range. The zero point is learned as a real number and rounded to the grid with {@link
 * #roundZeroPoint(float, int, int)} before use. Every step follows PyTorch's CPU kernels in
 * float arithmetic, in their order:
 *
 * <ul>
 *   <li>forward (eq. 14): {@code q = clamp(zp + rint(x * (1/s)), quantMin, quantMax)}, {@code y
 *       = (q - zp) * s}; the reciprocal {@code 1/s} is rounded to float first, and {@code rint}
 *       is {@link Rounding#HALF_TO_EVEN};
 *   <li>backward (eq. 15 to 17) takes the grid index as {@code rint(zp + x * (1/s))}: the zero
 *       point is added before rounding, so on a tie with an odd zero point, or where the float
 *       addition rounds, the backward index can be one step away from the forward one. qat4j
 *       keeps this, as PyTorch does. No step is fused into a multiply-add (a PyTorch build that
 *       contracts {@code zp + x * (1/s)} into an FMA can differ at near-ties).
 * </ul>
 *
 * <p>One deliberate difference: PyTorch's per-tensor backward rounds the learned zero point as
 * {@code (int) clamp(zp + 0.5)}, which disagrees with its own forward for half-integers (2.5
 * gives 3 against 2) and for negative non-integers ({@code -3.7} gives {@code -3} against
 * {@code -4}). qat4j rounds the zero point the same way in forward and backward, with
 * PyTorch's per-channel rule ({@code clamp(rint(zp))}), so the gradient describes the function
 * that was computed.
 *
 * <p>The scale and zero point sums are accumulated in double and rounded to float once
 * (PyTorch's vectorised sum has its own order). Inputs: NaN rejected, infinities saturate.
 * The scale must be a normal float ({@code >= Float.MIN_NORMAL}) so that {@code 1/s} is
 * finite; PyTorch's module clamps the learned scale to {@link #MIN_LEARNED_SCALE} before every
 * call, and a training layer should do the same.
 */
public final class LsqFakeQuant {

  /**
   * The floor PyTorch's {@code _LearnableFakeQuantize} clamps the learned scale to: float32
   * machine epsilon, {@code 2^-23}.
   */
  public static final float MIN_LEARNED_SCALE = 0x1p-23f;

  /** Grid limits: every value of 16-bit signed or unsigned storage, exact in float. */
  private static final int LOWEST_GRID_VALUE = -32768;

  private static final int HIGHEST_GRID_VALUE = 65535;

  private LsqFakeQuant() {
  }

  /**
   * The integer zero point a learned real zero point stands for: {@code clamp(rint(zp),
   * quantMin, quantMax)} with {@link Rounding#HALF_TO_EVEN}, as PyTorch's forward does.
   *
   * @param zeroPoint the learned zero point; finite
   * @param quantMin lower end of the grid
   * @param quantMax upper end of the grid
   * @return the zero point used by forward and backward
   * @throws IllegalArgumentException if the zero point is not finite or the grid is invalid
   */
  public static int roundZeroPoint(float zeroPoint, int quantMin, int quantMax) {
    checkGrid(quantMin, quantMax);
    if (!Float.isFinite(zeroPoint)) {
      throw new IllegalArgumentException("learned zero point " + zeroPoint + " is not finite; "
          + "the training diverged or the zero point was never initialised");
    }
    float rounded = Rounding.HALF_TO_EVEN.round(zeroPoint);
    return (int) Math.min(Math.max(rounded, (float) quantMin), (float) quantMax);
  }

  /**
   * LSQ's gradient scale {@code 1 / sqrt(numel * quantMax)} (eq. 18), rounded to float as
   * PyTorch passes it to its kernel.
   *
   * @param numel number of elements the scale is shared by (per channel: one channel's count)
   * @param quantMax upper end of the grid, {@code >= 1}
   * @return the factor to pass as {@code gradScale}
   * @throws IllegalArgumentException if {@code numel < 1} or {@code quantMax < 1}
   */
  public static float gradScale(long numel, int quantMax) {
    if (numel < 1 || quantMax < 1) {
      throw new IllegalArgumentException("gradient scale needs numel >= 1 and quantMax >= 1, "
          + "found numel " + numel + " and quantMax " + quantMax + "; pass 1 to disable it");
    }
    return (float) (1.0 / Math.sqrt((double) numel * quantMax));
  }

  /**
   * Per-tensor forward (eq. 14).
   *
   * @param x inputs; no NaN
   * @param scale learned scale; finite and {@code >= Float.MIN_NORMAL}
   * @param zeroPoint learned zero point, rounded with {@link #roundZeroPoint}
   * @param quantMin lower end of the grid, {@code >= -32768}
   * @param quantMax upper end of the grid, {@code <= 65535}
   * @return a new array with the fake-quantized values
   * @throws IllegalArgumentException for a NaN input or invalid parameters
   */
  public static float[] forward(float[] x, float scale, float zeroPoint, int quantMin,
      int quantMax) {
    Step step = new Step(scale, roundZeroPoint(zeroPoint, quantMin, quantMax), quantMin,
        quantMax, 1.0f, "scale");
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      Checks.requireNotNaN(x[i], "x", i);
      y[i] = step.forward(x[i]);
    }
    return y;
  }

  /**
   * Per-tensor gradients (eq. 15 to 17).
   *
   * @param x the forward inputs; no NaN
   * @param upstream gradient with respect to the forward outputs, same length
   * @param scale learned scale
   * @param zeroPoint learned zero point
   * @param quantMin lower end of the grid
   * @param quantMax upper end of the grid
   * @param gradScale factor applied to the scale and zero-point gradients: 1, or {@link
   *     #gradScale(long, int)}; finite and {@code > 0}
   * @return {@code dx} (a new array), {@code dScale}, {@code dZeroPoint}
   * @throws IllegalArgumentException for mismatched lengths, a NaN input or invalid parameters
   */
  public static LsqGradients gradients(float[] x, float[] upstream, float scale,
      float zeroPoint, int quantMin, int quantMax, float gradScale) {
    Checks.requireSameLength(x, "x", upstream, "upstream");
    Step step = new Step(scale, roundZeroPoint(zeroPoint, quantMin, quantMax), quantMin,
        quantMax, gradScale, "scale");
    float[] dx = new float[x.length];
    double[] sums = new double[2];
    for (int i = 0; i < x.length; i++) {
      Checks.requireNotNaN(x[i], "x", i);
      dx[i] = step.backward(x[i], upstream[i], sums);
    }
    return new LsqGradients(dx, (float) sums[0], (float) sums[1]);
  }

  /**
   * Per-channel forward for a row-major tensor of {@code shape} with channels on {@code axis}
   * (eq. 14 per channel).
   *
   * @param x inputs, row-major of {@code shape}
   * @param shape the tensor's dimensions
   * @param axis the channel axis; {@code shape[axis] == scales.length}
   * @param scales one learned scale per channel
   * @param zeroPoints one learned zero point per channel
   * @param quantMin lower end of the grid
   * @param quantMax upper end of the grid
   * @return a new array with the fake-quantized values
   * @throws IllegalArgumentException for a bad layout, NaN input or invalid parameters
   */
  public static float[] forwardPerChannel(float[] x, int[] shape, int axis, float[] scales,
      float[] zeroPoints, int quantMin, int quantMax) {
    ChannelLayout layout = ChannelLayout.of(shape, axis);
    Step[] steps = steps(x, layout, scales, zeroPoints, quantMin, quantMax, 1.0f);
    float[] y = new float[x.length];
    int index = 0;
    for (int o = 0; o < layout.outer(); o++) {
      for (Step step : steps) {
        for (int end = index + layout.inner(); index < end; index++) {
          Checks.requireNotNaN(x[index], "x", index);
          y[index] = step.forward(x[index]);
        }
      }
    }
    return y;
  }

  /**
   * Per-channel gradients for a row-major tensor of {@code shape} with channels on {@code
   * axis} (eq. 15 to 17 per channel).
   *
   * @param x the forward inputs
   * @param upstream gradient with respect to the forward outputs, same length
   * @param shape the tensor's dimensions
   * @param axis the channel axis; {@code shape[axis] == scales.length}
   * @param scales one learned scale per channel
   * @param zeroPoints one learned zero point per channel
   * @param quantMin lower end of the grid
   * @param quantMax upper end of the grid
   * @param gradScale factor applied to the scale and zero-point gradients
   * @return {@code dx} and per-channel {@code dScale}, {@code dZeroPoint} (new arrays)
   * @throws IllegalArgumentException for mismatched lengths, a bad layout, a NaN input or
   *     invalid parameters
   */
  public static LsqPerChannelGradients gradientsPerChannel(float[] x, float[] upstream,
      int[] shape, int axis, float[] scales, float[] zeroPoints, int quantMin, int quantMax,
      float gradScale) {
    Checks.requireSameLength(x, "x", upstream, "upstream");
    ChannelLayout layout = ChannelLayout.of(shape, axis);
    Step[] steps = steps(x, layout, scales, zeroPoints, quantMin, quantMax, gradScale);
    float[] dx = new float[x.length];
    double[][] sums = new double[steps.length][2];
    int index = 0;
    for (int o = 0; o < layout.outer(); o++) {
      for (int c = 0; c < steps.length; c++) {
        for (int end = index + layout.inner(); index < end; index++) {
          Checks.requireNotNaN(x[index], "x", index);
          dx[index] = steps[c].backward(x[index], upstream[index], sums[c]);
        }
      }
    }
    float[] dScale = new float[steps.length];
    float[] dZeroPoint = new float[steps.length];
    for (int c = 0; c < steps.length; c++) {
      dScale[c] = (float) sums[c][0];
      dZeroPoint[c] = (float) sums[c][1];
    }
    return new LsqPerChannelGradients(dx, dScale, dZeroPoint);
  }

  private static Step[] steps(float[] x, ChannelLayout layout, float[] scales,
      float[] zeroPoints, int quantMin, int quantMax, float gradScale) {
    layout.check(x.length, scales.length, "scales");
    layout.check(x.length, zeroPoints.length, "zeroPoints");
    Step[] steps = new Step[scales.length];
    for (int c = 0; c < steps.length; c++) {
      steps[c] = new Step(scales[c], roundZeroPoint(zeroPoints[c], quantMin, quantMax),
          quantMin, quantMax, gradScale, "channel " + c + " scale");
    }
    return steps;
  }

  private static void checkGrid(int quantMin, int quantMax) {
    Checks.requireGrid(quantMin, quantMax);
    if (quantMin < LOWEST_GRID_VALUE || quantMax > HIGHEST_GRID_VALUE) {
      throw new IllegalArgumentException("grid [" + quantMin + ", " + quantMax + "] leaves 16-bit"
          + " storage; LSQ here supports grids within [" + LOWEST_GRID_VALUE + ", "
          + HIGHEST_GRID_VALUE + "], where every grid value is exact in float");
    }
  }

  /** One scale and zero point, with PyTorch's per-element forward and backward. */
  private static final class Step {
    final float scale;
    final float inverseScale;
    final int zeroPoint;
    final int quantMin;
    final int quantMax;
    final float gradScale;

    Step(float scale, int zeroPoint, int quantMin, int quantMax, float gradScale, String what) {
      if (!(scale >= Float.MIN_NORMAL) || scale == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(what + " " + scale + " is not a finite float >= "
            + Float.MIN_NORMAL + "; clamp the learned scale to at least "
            + "LsqFakeQuant.MIN_LEARNED_SCALE (" + MIN_LEARNED_SCALE + ") before each step");
      }
      if (!(gradScale > 0.0f) || gradScale == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("gradScale " + gradScale + " is not finite and > 0;"
            + " pass 1 for plain gradients or LsqFakeQuant.gradScale(numel, quantMax)");
      }
      this.scale = scale;
      this.inverseScale = 1.0f / scale;
      this.zeroPoint = zeroPoint;
      this.quantMin = quantMin;
      this.quantMax = quantMax;
      this.gradScale = gradScale;
    }

    /** eq. 14: round x/s, then add the zero point; clamp; back to real units. */
    float forward(float x) {
      float index = (float) zeroPoint + Rounding.HALF_TO_EVEN.round(x * inverseScale);
      long clamped = (long) Math.min(Math.max(index, (float) quantMin), (float) quantMax);
      return (float) (clamped - zeroPoint) * scale;
    }

    /**
     * eq. 15 to 17 for one element; returns dx and adds the element's scale and zero-point
     * gradients to {@code sums[0]} and {@code sums[1]}.
     */
    float backward(float x, float g, double[] sums) {
      // PyTorch adds the zero point before rounding here (the forward adds it after).
      long index = (long) Rounding.HALF_TO_EVEN.round((float) zeroPoint + x * inverseScale);
      boolean below = index < quantMin;
      boolean above = index > quantMax;
      if (below || above) {
        float distance = (float) ((below ? quantMin : quantMax) - zeroPoint);
        sums[0] += (g * distance) * gradScale;
        sums[1] += g * -1.0f * scale * gradScale;
        return g * 0.0f;
      }
      float fakeQuantized = (float) (index - zeroPoint) * scale;
      sums[0] += g * (fakeQuantized - x) * inverseScale * gradScale;
      return g * 1.0f;
    }
  }
}
