/**
 * Weight fake quantization through DL4J's weight-noise hook, and the integer weights for export.
 *
 * <p>Key types: {@link org.qat4j.layers.weight.WeightQuantSpec} (bits, symmetric, per channel,
 * narrow range; presets named for scheme and range), {@link org.qat4j.layers.weight.WeightFakeQuant}
 * (the {@code IWeightNoise} that returns fake-quantized {@code W}),
 * {@link org.qat4j.layers.weight.WeightQuantizer} (the single ND4J code path for training weights
 * and exported integers), {@link org.qat4j.layers.weight.QuantizedWeights} (integers, scales, zero
 * points).
 *
 * <p>Numeric conventions: float32; symmetric weights round {@code w / scale} half away from zero
 * into {@code [-(2^(b-1) - 1), 2^(b-1) - 1]}; asymmetric weights follow TF's nudged fake quant
 * (grid index rounded half up). Per channel means the output channel: axis 1 of dense
 * {@code [nIn, nOut]}, axis 0 of convolution {@code [nOut, nIn, kH, kW]}. Biases stay float.
 *
 * <p>Limits: 2 to 8 bits; DenseLayer, OutputLayer and ConvolutionLayer (Convolution2D) only; the
 * weight range is not learned (it follows the weights).
 */
package org.qat4j.layers.weight;
