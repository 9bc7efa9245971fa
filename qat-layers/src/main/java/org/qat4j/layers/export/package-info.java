/**
 * From a QAT network to qat4j's integer-only model (docs/export.md).
 *
 * <p>{@link org.qat4j.layers.export.QatExport#describe} is the contract between QAT training and
 * the exporter: it lists a QAT network's layers with exactly what the training forward uses.
 * {@link org.qat4j.layers.export.IntegerExporter} (behind {@code Qat.export}) walks that
 * description and builds an {@code org.qat4j.core.format.IntegerModel}.
 *
 * <p>Key types: {@link org.qat4j.layers.export.WeightedLayerInfo} (float weights and bias with
 * batch norm folded, weight scheme, integer weights, scales and zero points;
 * {@code quantized().dequantize()} equals the training forward's weights bit for bit),
 * {@link org.qat4j.layers.export.ActivationQuantInfo} (stored min/max, bits, narrow range, per
 * channel; nudged scale and zero point as TF computes them), {@link
 * org.qat4j.layers.export.FloatLayerInfo} (layers without quantized parameters); {@link
 * org.qat4j.layers.export.ExportOptions} and {@link org.qat4j.layers.export.ExportedModel};
 * {@link org.qat4j.layers.export.BiasQuantizer} (the one place biases become int32) and {@link
 * org.qat4j.layers.export.WeightLayout} (DL4J to engine weight layouts).
 *
 * <p>Numeric conventions: weights and ranges are float32; integers are signed (weights in
 * {@code [spec.quantMin(), spec.quantMax()]}, activations on TF's unsigned grid moved down by
 * {@code 2^(bits-1)} into the int8 container); biases become int32 at scale {@code s_in *
 * s_w[c]}, rounded half away from zero as TFLite's converter rounds them. DL4J's NCHW becomes the
 * engine's NHWC: convolution weights {@code [outC, inC, kH, kW]} to {@code [outC, kH, kW, inC]},
 * dense weights {@code [nIn, nOut]} to {@code [nOut, nIn]}, the first dense layer after a
 * flatten reading its inputs in {@code (h, w, c)} instead of {@code (c, h, w)} order.
 *
 * <p>Limits: MultiLayerNetwork only; per-tensor, full-range activations of 2 to 8 bits and
 * symmetric weights (the engine's, like TFLite's int8 spec); identity, ReLU and ReLU6 as the
 * only activations inside the network; the loss layer's softmax is left out of the model.
 */
package org.qat4j.layers.export;
