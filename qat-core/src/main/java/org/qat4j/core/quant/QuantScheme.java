package org.qat4j.core.quant;

/**
 * How a tensor is stored as integers: bit width, signed or unsigned storage, symmetric or
 * asymmetric zero point, narrow range, and per-tensor or per-channel parameters
 * (docs/quantization.md eq. 1, 2 and 8).
 *
 * <p>The storage range is {@code [quantMin(), quantMax()]}: signed {@code [-2^(bits-1),
 * 2^(bits-1) - 1]}, unsigned {@code [0, 2^bits - 1]}; narrow range drops the lowest value so
 * the range is symmetric about its middle (int8 narrow is {@code [-127, 127]}, as TFLite
 * requires of weights). A symmetric scheme fixes the zero point at {@link
 * #symmetricZeroPoint()}: 0 for signed storage, {@code 2^(bits-1)} for unsigned.
 *
 * <p>TensorFlow's fake quantization always works on the unsigned grid {@code [narrowRange ? 1
 * : 0, 2^bits - 1]} ({@link #unsignedQuantMin()}, {@link #unsignedQuantMax()}); signed storage
 * is the same grid moved down by {@link #storageOffset()} (eq. 8), which is how {@link
 * NudgedRange#storageParams(QuantScheme)} turns a nudged range into storage parameters.
 *
 * @param bits bit width of one stored value, 2 to 16
 * @param signed true for two's complement storage (int8), false for unsigned (uint8)
 * @param symmetric true if the zero point is fixed at {@link #symmetricZeroPoint()}
 * @param narrowRange true to leave out the lowest storage value
 * @param channelAxis {@link #PER_TENSOR} for one scale and zero point per tensor, otherwise
 *     the axis (0-based, of the tensor's shape) that carries one scale and zero point per index
 */
public record QuantScheme(int bits, boolean signed, boolean symmetric, boolean narrowRange,
    int channelAxis) {

  /** The {@link #channelAxis()} value meaning one scale and zero point for the whole tensor. */
  public static final int PER_TENSOR = -1;

  /** Smallest supported bit width, as TensorFlow's fake quantization allows. */
  public static final int MIN_BITS = 2;

  /** Largest supported bit width, as TensorFlow's fake quantization allows. */
  public static final int MAX_BITS = 16;

  /**
   * Validates the components.
   *
   * @param bits as the record component
   * @param signed as the record component
   * @param symmetric as the record component
   * @param narrowRange as the record component
   * @param channelAxis as the record component
   * @throws IllegalArgumentException if {@code bits} is outside 2..16 or {@code channelAxis}
   *     is below {@link #PER_TENSOR}
   */
  public QuantScheme {
    if (bits < MIN_BITS || bits > MAX_BITS) {
      throw new IllegalArgumentException("bits " + bits + " is outside " + MIN_BITS + ".."
          + MAX_BITS + "; use 8 for int8 storage");
    }
    if (channelAxis < PER_TENSOR) {
      throw new IllegalArgumentException("channelAxis " + channelAxis + " is invalid; use "
          + "QuantScheme.PER_TENSOR (-1) for per-tensor parameters or an axis >= 0");
    }
  }

  /**
   * TFLite activations: int8 {@code [-128, 127]}, asymmetric, per tensor.
   *
   * @return the scheme
   */
  public static QuantScheme int8ActivationsAsymmetric() {
    return new QuantScheme(8, true, false, false, PER_TENSOR);
  }

  /**
   * TFLite convolution weights: int8 {@code [-127, 127]}, zero point 0, one scale per index of
   * {@code axis} (the output channel).
   *
   * @param axis the output-channel axis of the weight tensor, {@code >= 0}
   * @return the scheme
   */
  public static QuantScheme int8WeightsSymmetricNarrowPerChannel(int axis) {
    if (axis < 0) {
      throw new IllegalArgumentException("per-channel axis " + axis + " is negative; pass the "
          + "output-channel axis of the weight shape (0 for [out, in, kh, kw])");
    }
    return new QuantScheme(8, true, true, true, axis);
  }

  /**
   * Per-tensor int8 weights {@code [-127, 127]}, zero point 0 (TFLite fully connected layers
   * without per-channel scales).
   *
   * @return the scheme
   */
  public static QuantScheme int8WeightsSymmetricNarrowPerTensor() {
    return new QuantScheme(8, true, true, true, PER_TENSOR);
  }

  /**
   * uint8 {@code [0, 255]}, asymmetric, per tensor: TensorFlow's fake-quantization grid at 8
   * bits and the legacy uint8 TFLite format.
   *
   * @return the scheme
   */
  public static QuantScheme uint8ActivationsAsymmetric() {
    return new QuantScheme(8, false, false, false, PER_TENSOR);
  }

  /**
   * The unsigned asymmetric per-tensor grid that TensorFlow's {@code FakeQuantWithMinMaxVars}
   * uses: {@code [narrowRange ? 1 : 0, 2^numBits - 1]}.
   *
   * @param numBits 2 to 16
   * @param narrowRange TensorFlow's {@code narrow_range} attribute
   * @return the scheme
   */
  public static QuantScheme tensorFlowFakeQuantGrid(int numBits, boolean narrowRange) {
    return new QuantScheme(numBits, false, false, narrowRange, PER_TENSOR);
  }

  /**
   * Whether the scheme has one scale and zero point per channel.
   *
   * @return true if {@link #channelAxis()} is not {@link #PER_TENSOR}
   */
  public boolean perChannel() {
    return channelAxis != PER_TENSOR;
  }

  /**
   * Smallest storage integer: e.g. -128 for int8, -127 for int8 narrow, 0 for uint8.
   *
   * @return the lower end of the storage range
   */
  public int quantMin() {
    int lowest = signed ? -(1 << (bits - 1)) : 0;
    return narrowRange ? lowest + 1 : lowest;
  }

  /**
   * Largest storage integer: 127 for int8, 255 for uint8.
   *
   * @return the upper end of the storage range
   */
  public int quantMax() {
    return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
  }

  /**
   * The zero point of a symmetric scheme: 0 for signed storage, {@code 2^(bits-1)} for
   * unsigned (128 for uint8), the middle of the unsigned grid.
   *
   * @return the fixed zero point used when {@link #symmetric()} is true
   */
  public int symmetricZeroPoint() {
    return signed ? 0 : 1 << (bits - 1);
  }

  /**
   * What to add to a value on the unsigned grid to get the stored value: {@code -2^(bits-1)}
   * for signed storage, 0 for unsigned (docs/quantization.md eq. 8).
   *
   * @return the storage offset
   */
  public int storageOffset() {
    return signed ? -(1 << (bits - 1)) : 0;
  }

  /**
   * Lower end of the same grid written unsigned, as TensorFlow's fake quantization takes it:
   * {@code narrowRange ? 1 : 0}.
   *
   * @return {@code quantMin() - storageOffset()}
   */
  public int unsignedQuantMin() {
    return quantMin() - storageOffset();
  }

  /**
   * Upper end of the same grid written unsigned: {@code 2^bits - 1}.
   *
   * @return {@code quantMax() - storageOffset()}
   */
  public int unsignedQuantMax() {
    return quantMax() - storageOffset();
  }

  /**
   * Checks that a zero point is allowed by this scheme.
   *
   * @param zeroPoint the zero point to check
   * @param where words naming the zero point in an error message, e.g. "channel 3"
   * @throws IllegalArgumentException if the zero point is outside {@code [quantMin(),
   *     quantMax()]}, or differs from {@link #symmetricZeroPoint()} in a symmetric scheme
   */
  public void checkZeroPoint(int zeroPoint, String where) {
    if (zeroPoint < quantMin() || zeroPoint > quantMax()) {
      throw new IllegalArgumentException(where + " zero point " + zeroPoint + " is outside the "
          + "storage range [" + quantMin() + ", " + quantMax() + "] of " + this
          + "; clamp it into that range or pick the scheme the parameters were made for");
    }
    if (symmetric && zeroPoint != symmetricZeroPoint()) {
      throw new IllegalArgumentException(where + " zero point " + zeroPoint + " is not "
          + symmetricZeroPoint() + ", the only zero point of the symmetric scheme " + this
          + "; use an asymmetric scheme or zero point " + symmetricZeroPoint());
    }
  }
}
