package org.qat4j.core.quant;

/**
 * Fake quantization with a learned range, bit-exact with TensorFlow's {@code
 * FakeQuantWithMinMaxVars} and {@code FakeQuantWithMinMaxVarsPerChannel} and their gradients
 * (docs/quantization.md eq. 9 to 13).
 *
 * <p>Forward: the range is nudged ({@link Nudge}, eq. 4 to 7), the input clamped to the nudged
 * range and rounded to the grid with {@link Rounding#HALF_UP}, which is TensorFlow's {@code
 * floor(v + 0.5f)}. The output is an integer multiple of the scale, so real 0.0 maps to exactly
 * {@code +0.0}. Every step is float arithmetic in TensorFlow's order; the per-tensor op
 * divides by the scale (eq. 10) while the per-channel op multiplies by the separately computed
 * inverse scale (eq. 11), and the two can differ by one grid step on the same range, as in
 * TensorFlow. No step is fused into a multiply-add: a TensorFlow build that contracts {@code
 * shifted * inverseScale - quantZero} into an FMA can differ in the last bit before the floor.
 *
 * <p>Gradients: the straight-through estimator inside the nudged range and PACT-style range
 * gradients outside it (eq. 12, 13); there is no in-range term for min or max. As in
 * TensorFlow, {@code dx} is the upstream gradient multiplied by a 0/1 mask, so an infinite
 * upstream gradient outside the range gives NaN. The sums for {@code dMin} and {@code dMax}
 * are accumulated in double and rounded to float once: TensorFlow's Eigen reduction order
 * depends on its build's vector width, so those two values agree with any given TensorFlow
 * build to float rounding of the sum, not to the bit.
 *
 * <p>Ranges: {@code min == max == 0} gives zeros forward and passes the gradient through with
 * {@code dMin = dMax = 0} (TensorFlow does the same, per channel too). A range that excludes
 * zero is accepted and moved as {@link Nudge} describes; TensorFlow's {@code ...Vars} ops do
 * not assert {@code min <= 0 <= max} (only the older {@code ...Args} op does, in debug builds).
 * Every other degenerate range is rejected with {@link IllegalArgumentException} (see {@link
 * Nudge}). NaN inputs are rejected; infinite inputs clamp to the range ends. Upstream
 * gradients are not inspected.
 *
 * <p>Per-channel layout: the plain {@code ...PerChannel} overloads take TensorFlow's channels
 * last layout ({@code x.length} a multiple of {@code mins.length}, channel {@code i %
 * channels}); the overloads with a shape and an axis take any row-major layout (see {@link
 * ChannelLayout}).
 */
public final class FakeQuant {

  private FakeQuant() {
  }

  /**
   * Per-tensor forward, TensorFlow's {@code FakeQuantWithMinMaxVars} (eq. 10).
   *
   * @param x inputs; no NaN
   * @param min range minimum (a variable in training)
   * @param max range maximum
   * @param numBits 2 to 16
   * @param narrowRange grid {@code [1, 2^numBits - 1]} instead of {@code [0, 2^numBits - 1]}
   * @return a new array with the fake-quantized values
   * @throws IllegalArgumentException for a NaN input, bad {@code numBits} or a degenerate range
   */
  public static float[] forward(float[] x, float min, float max, int numBits,
      boolean narrowRange) {
    Grid grid = Grid.of(min, max, numBits, narrowRange, "range");
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      Checks.requireNotNaN(x[i], "x", i);
      y[i] = grid.quantizeDividing(x[i]);
    }
    return y;
  }

  /**
   * Per-tensor gradients, TensorFlow's {@code FakeQuantWithMinMaxVarsGradient} (eq. 12, 13).
   *
   * @param x the forward inputs; no NaN
   * @param upstream gradient of the loss with respect to the forward outputs, same length
   * @param min range minimum
   * @param max range maximum
   * @param numBits 2 to 16
   * @param narrowRange as in {@link #forward}
   * @return {@code dx} (a new array), {@code dMin} and {@code dMax}
   * @throws IllegalArgumentException for mismatched lengths, a NaN input, bad {@code numBits}
   *     or a degenerate range
   */
  public static FakeQuantGradients gradients(float[] x, float[] upstream, float min, float max,
      int numBits, boolean narrowRange) {
    Checks.requireSameLength(x, "x", upstream, "upstream");
    Grid grid = Grid.of(min, max, numBits, narrowRange, "range");
    float[] dx = new float[x.length];
    double dMin = 0.0;
    double dMax = 0.0;
    for (int i = 0; i < x.length; i++) {
      Checks.requireNotNaN(x[i], "x", i);
      if (grid.zeroRange) {
        dx[i] = upstream[i];
        continue;
      }
      float g = upstream[i];
      boolean below = x[i] < grid.min;
      boolean above = x[i] > grid.max;
      dx[i] = g * (below || above ? 0.0f : 1.0f);
      dMin += g * (below ? 1.0f : 0.0f);
      dMax += g * (above ? 1.0f : 0.0f);
    }
    return new FakeQuantGradients(dx, (float) dMin, (float) dMax);
  }

  /**
   * Per-channel forward with channels last, TensorFlow's {@code
   * FakeQuantWithMinMaxVarsPerChannel} (eq. 11).
   *
   * @param x inputs, channels last: channel of {@code x[i]} is {@code i % mins.length}
   * @param mins one range minimum per channel
   * @param maxs one range maximum per channel
   * @param numBits 2 to 16
   * @param narrowRange as in {@link #forward}
   * @return a new array with the fake-quantized values
   * @throws IllegalArgumentException for a bad layout, NaN input, bad {@code numBits} or a
   *     degenerate range in any channel
   */
  public static float[] forwardPerChannel(float[] x, float[] mins, float[] maxs, int numBits,
      boolean narrowRange) {
    return forwardPerChannel(x, ChannelLayout.channelsLast(x.length, mins.length), mins, maxs,
        numBits, narrowRange);
  }

  /**
   * Per-channel forward for a row-major tensor of any shape, with TensorFlow's per-channel
   * arithmetic (eq. 11).
   *
   * @param x inputs, row-major of {@code shape}
   * @param shape the tensor's dimensions
   * @param axis the channel axis; {@code shape[axis] == mins.length}
   * @param mins one range minimum per channel
   * @param maxs one range maximum per channel
   * @param numBits 2 to 16
   * @param narrowRange as in {@link #forward}
   * @return a new array with the fake-quantized values
   * @throws IllegalArgumentException as {@link #forwardPerChannel(float[], float[], float[],
   *     int, boolean)}, or if the shape does not match {@code x}
   */
  public static float[] forwardPerChannel(float[] x, int[] shape, int axis, float[] mins,
      float[] maxs, int numBits, boolean narrowRange) {
    return forwardPerChannel(x, ChannelLayout.of(shape, axis), mins, maxs, numBits,
        narrowRange);
  }

  /**
   * Per-channel forward for a flat array viewed through {@code layout} (eq. 11).
   *
   * @param x inputs; {@code x.length == layout.length()}
   * @param layout where the channels are
   * @param mins one range minimum per channel
   * @param maxs one range maximum per channel
   * @param numBits 2 to 16
   * @param narrowRange as in {@link #forward}
   * @return a new array with the fake-quantized values
   * @throws IllegalArgumentException as the other per-channel overloads
   */
  public static float[] forwardPerChannel(float[] x, ChannelLayout layout, float[] mins,
      float[] maxs, int numBits, boolean narrowRange) {
    Grid[] grids = Grid.perChannel(x, layout, mins, maxs, numBits, narrowRange);
    float[] y = new float[x.length];
    int inner = layout.inner();
    int index = 0;
    for (int o = 0; o < layout.outer(); o++) {
      for (Grid grid : grids) {
        for (int end = index + inner; index < end; index++) {
          Checks.requireNotNaN(x[index], "x", index);
          y[index] = grid.quantizeMultiplying(x[index]);
        }
      }
    }
    return y;
  }

  /**
   * Per-channel gradients with channels last, TensorFlow's {@code
   * FakeQuantWithMinMaxVarsPerChannelGradient} (eq. 12, 13 per channel).
   *
   * @param x the forward inputs, channels last
   * @param upstream gradient with respect to the forward outputs, same length
   * @param mins one range minimum per channel
   * @param maxs one range maximum per channel
   * @param numBits 2 to 16
   * @param narrowRange as in {@link #forward}
   * @return {@code dx} and per-channel {@code dMin}, {@code dMax} (new arrays)
   * @throws IllegalArgumentException as {@link #forwardPerChannel(float[], float[], float[],
   *     int, boolean)}, or for mismatched lengths
   */
  public static PerChannelFakeQuantGradients gradientsPerChannel(float[] x, float[] upstream,
      float[] mins, float[] maxs, int numBits, boolean narrowRange) {
    return gradientsPerChannel(x, upstream, ChannelLayout.channelsLast(x.length, mins.length),
        mins, maxs, numBits, narrowRange);
  }

  /**
   * Per-channel gradients for a row-major tensor of any shape (eq. 12, 13 per channel).
   *
   * @param x the forward inputs, row-major of {@code shape}
   * @param upstream gradient with respect to the forward outputs, same length
   * @param shape the tensor's dimensions
   * @param axis the channel axis; {@code shape[axis] == mins.length}
   * @param mins one range minimum per channel
   * @param maxs one range maximum per channel
   * @param numBits 2 to 16
   * @param narrowRange as in {@link #forward}
   * @return {@code dx} and per-channel {@code dMin}, {@code dMax} (new arrays)
   * @throws IllegalArgumentException as the other per-channel overloads
   */
  public static PerChannelFakeQuantGradients gradientsPerChannel(float[] x, float[] upstream,
      int[] shape, int axis, float[] mins, float[] maxs, int numBits, boolean narrowRange) {
    return gradientsPerChannel(x, upstream, ChannelLayout.of(shape, axis), mins, maxs, numBits,
        narrowRange);
  }

  /**
   * Per-channel gradients for a flat array viewed through {@code layout}.
   *
   * @param x the forward inputs; {@code x.length == layout.length()}
   * @param upstream gradient with respect to the forward outputs, same length
   * @param layout where the channels are
   * @param mins one range minimum per channel
   * @param maxs one range maximum per channel
   * @param numBits 2 to 16
   * @param narrowRange as in {@link #forward}
   * @return {@code dx} and per-channel {@code dMin}, {@code dMax} (new arrays)
   * @throws IllegalArgumentException as the other per-channel overloads
   */
  public static PerChannelFakeQuantGradients gradientsPerChannel(float[] x, float[] upstream,
      ChannelLayout layout, float[] mins, float[] maxs, int numBits, boolean narrowRange) {
    Checks.requireSameLength(x, "x", upstream, "upstream");
    Grid[] grids = Grid.perChannel(x, layout, mins, maxs, numBits, narrowRange);
    float[] dx = new float[x.length];
    double[] dMin = new double[grids.length];
    double[] dMax = new double[grids.length];
    int inner = layout.inner();
    int index = 0;
    for (int o = 0; o < layout.outer(); o++) {
      for (int c = 0; c < grids.length; c++) {
        Grid grid = grids[c];
        for (int end = index + inner; index < end; index++) {
          Checks.requireNotNaN(x[index], "x", index);
          float g = upstream[index];
          if (grid.zeroRange) {
            dx[index] = g;
            continue;
          }
          boolean below = x[index] < grid.min;
          boolean above = x[index] > grid.max;
          dx[index] = g * (below || above ? 0.0f : 1.0f);
          dMin[c] += g * (below ? 1.0f : 0.0f);
          dMax[c] += g * (above ? 1.0f : 0.0f);
        }
      }
    }
    return new PerChannelFakeQuantGradients(dx, toFloat(dMin), toFloat(dMax));
  }

  private static float[] toFloat(double[] sums) {
    float[] result = new float[sums.length];
    for (int i = 0; i < sums.length; i++) {
      result[i] = (float) sums[i];
    }
    return result;
  }

  /** The constants of one range in TensorFlow's forward (eq. 9), or the all-zero range. */
  private static final class Grid {
    final float min;
    final float max;
    final float scale;
    final float inverseScale;
    final float quantZero;
    final boolean zeroRange;

    private Grid(float min, float max, float scale, float inverseScale, float quantZero,
        boolean zeroRange) {
      this.min = min;
      this.max = max;
      this.scale = scale;
      this.inverseScale = inverseScale;
      this.quantZero = quantZero;
      this.zeroRange = zeroRange;
    }

    static Grid of(float min, float max, int numBits, boolean narrowRange, String what) {
      int quantMax = Nudge.quantMax(numBits);
      if (min == 0.0f && max == 0.0f) {
        return new Grid(0.0f, 0.0f, 0.0f, 0.0f, 0.0f, true);
      }
      NudgedRange range = Nudge.nudge(min, max, Nudge.quantMin(narrowRange), quantMax, what);
      // eq. 9: the grid index of real zero, recomputed from the nudged minimum as TF does.
      float quantZero = Rounding.HALF_UP.round(-range.min() * range.inverseScale());
      return new Grid(range.min(), range.max(), range.scale(), range.inverseScale(), quantZero,
          false);
    }

    static Grid[] perChannel(float[] x, ChannelLayout layout, float[] mins, float[] maxs,
        int numBits, boolean narrowRange) {
      layout.check(x.length, mins.length, "mins");
      layout.check(x.length, maxs.length, "maxs");
      Grid[] grids = new Grid[mins.length];
      for (int c = 0; c < grids.length; c++) {
        grids[c] = of(mins[c], maxs[c], numBits, narrowRange, "channel " + c + " range");
      }
      return grids;
    }

    /** eq. 10, TensorFlow's per-tensor op: divide by the scale. */
    float quantizeDividing(float x) {
      if (zeroRange) {
        return 0.0f;
      }
      float shifted = Math.max(Math.min(x, max), min) - min;
      return Rounding.HALF_UP.round(shifted / scale - quantZero) * scale;
    }

    /** eq. 11, TensorFlow's per-channel op: multiply by the inverse scale. */
    float quantizeMultiplying(float x) {
      if (zeroRange) {
        return 0.0f;
      }
      float shifted = Math.max(Math.min(x, max), min) - min;
      return Rounding.HALF_UP.round(shifted * inverseScale - quantZero) * scale;
    }
  }
}
