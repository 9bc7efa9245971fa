package org.qat4j.core.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * Symmetric (zero point 0) narrow-range integer weights with one scale per output channel or one
 * for the whole tensor: {@code real = scale[c] * q}.
 *
 * <p>A {@code bits}-bit weight lies in {@code [-(2^(bits-1) - 1), 2^(bits-1) - 1]}: [-127, 127]
 * at 8 bits, [-7, 7] at 4 bits, [-1, 1] at 2 bits; the most negative code is excluded (TFLite's
 * narrow range), so the grid is symmetric. Dimension 0 of the shape is the output channel:
 * {@code [outC, kH, kW, inC]} for convolution filters, {@code [out, in]} for fully-connected
 * weights. Immutable: arrays are copied in and out.
 */
public final class QuantizedWeights {

  /** Whether one scale covers the tensor or each output channel has its own. */
  public enum Granularity {
    /** One scale for the whole tensor. */
    PER_TENSOR,
    /** One scale per output channel (dimension 0). */
    PER_CHANNEL
  }

  private final Shape shape;
  private final Granularity granularity;
  private final byte[] values;
  private final float[] scales;
  private final int bits;

  private QuantizedWeights(Shape shape, Granularity granularity, byte[] values, float[] scales, int bits) {
    this.shape = Objects.requireNonNull(shape, "shape");
    this.granularity = Objects.requireNonNull(granularity, "granularity");
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("weight bit width " + bits + " is outside [2, 8]");
    }
    if (values.length != shape.elementCount()) {
      throw new IllegalArgumentException("weights of shape " + shape + " need " + shape.elementCount()
          + " values, got " + values.length);
    }
    int limit = maxMagnitude(bits);
    for (int i = 0; i < values.length; i++) {
      if (values[i] < -limit || values[i] > limit) {
        throw new IllegalArgumentException("weight " + values[i] + " at index " + i + " is outside [" + -limit
            + ", " + limit + "], the symmetric " + bits + "-bit range; quantize weights with narrow range");
      }
    }
    int expectedScales = granularity == Granularity.PER_TENSOR ? 1 : shape.dim(0);
    if (scales.length != expectedScales) {
      throw new IllegalArgumentException(granularity + " weights of shape " + shape + " need " + expectedScales
          + " scales, got " + scales.length);
    }
    for (int c = 0; c < scales.length; c++) {
      if (!(scales[c] > 0) || Float.isInfinite(scales[c])) {
        throw new IllegalArgumentException("weight scale " + scales[c] + " of channel " + c
            + " must be finite and > 0; give an all-zero channel any positive scale");
      }
    }
    this.values = values;
    this.scales = scales;
    this.bits = bits;
  }

  /** Weights with one scale per output channel (dimension 0); arrays are copied. */
  public static QuantizedWeights perChannel(Shape shape, byte[] values, float[] scales, int bits) {
    return new QuantizedWeights(shape, Granularity.PER_CHANNEL, values.clone(), scales.clone(), bits);
  }

  /** Weights with a single scale for the whole tensor; the array is copied. */
  public static QuantizedWeights perTensor(Shape shape, byte[] values, float scale, int bits) {
    return new QuantizedWeights(shape, Granularity.PER_TENSOR, values.clone(), new float[] {scale}, bits);
  }

  /** Weights of either granularity, as read from a model file; arrays are copied. */
  public static QuantizedWeights of(Shape shape, Granularity granularity, byte[] values, float[] scales, int bits) {
    return new QuantizedWeights(shape, granularity, values.clone(), scales.clone(), bits);
  }

  /** Largest weight magnitude at {@code bits} bits: {@code 2^(bits-1) - 1}. */
  public static int maxMagnitude(int bits) {
    return (1 << (bits - 1)) - 1;
  }

  /** The shape; dimension 0 is the output channel. */
  public Shape shape() {
    return shape;
  }

  /** Bit width, 2 to 8. */
  public int bits() {
    return bits;
  }

  /** Number of output channels: {@code shape.dim(0)}. */
  public int channels() {
    return shape.dim(0);
  }

  /** Values per output channel: the accumulation depth. */
  public int depth() {
    return shape.elementCount() / shape.dim(0);
  }

  /** Per tensor or per output channel. */
  public Granularity granularity() {
    return granularity;
  }

  /** The scale of output channel {@code c} (the single scale, for per-tensor weights). */
  public float scale(int c) {
    return scales[granularity == Granularity.PER_TENSOR ? 0 : c];
  }

  /** A copy of the stored scales: one, or one per output channel. */
  public float[] scales() {
    return scales.clone();
  }

  /** A copy of the values, row-major. */
  public byte[] values() {
    return values.clone();
  }

  /** The values without a copy, for read-only use inside this package (validation). */
  byte[] valuesView() {
    return values;
  }

  /** Value {@code i} in row-major order. */
  public byte value(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantizedWeights w && bits == w.bits && shape.equals(w.shape) && granularity == w.granularity
        && Arrays.equals(values, w.values) && Arrays.equals(scales, w.scales);
  }

  @Override
  public int hashCode() {
    return Objects.hash(shape, granularity, bits, Arrays.hashCode(values), Arrays.hashCode(scales));
  }

  @Override
  public String toString() {
    return "QuantizedWeights" + shape + " " + bits + "-bit " + granularity;
  }
}
