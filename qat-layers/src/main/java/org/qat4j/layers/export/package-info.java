/**
 * The contract between QAT training and the int8 exporter: {@link
 * org.qat4j.layers.export.QatExport#describe} lists a QAT network's layers with exactly what the
 * training forward uses.
 *
 * <p>Key types: {@link org.qat4j.layers.export.WeightedLayerInfo} (float weights and bias with
 * batch norm folded, weight scheme, integer weights, scales and zero points;
 * {@code quantized().dequantize()} equals the training forward's weights bit for bit),
 * {@link org.qat4j.layers.export.ActivationQuantInfo} (stored min/max, bits, narrow range, per
 * channel; nudged scale and zero point as TF computes them), {@link
 * org.qat4j.layers.export.FloatLayerInfo} (layers without quantized parameters).
 *
 * <p>Numeric conventions: weights and ranges are float32; integers are signed (weights in
 * {@code [spec.quantMin(), spec.quantMax()]}, activations on TF's unsigned grid with
 * {@code signedZeroPoint} for int8); biases stay float (the exporter makes them int32 with scale
 * {@code s_in * s_w[c]}).
 *
 * <p>Limits: MultiLayerNetwork only; per-channel activation ranges are not part of the TFLite
 * int8 spec.
 */
package org.qat4j.layers.export;
