/**
 * Quantization-aware training for Deeplearning4j networks.
 *
 * <p>Entry point: {@link org.qat4j.layers.Qat} ({@code prepare} a float network into a new QAT
 * network, {@code calibrate} its activation ranges from data; fine-tune with ordinary {@code
 * fit}). Policy: {@link org.qat4j.layers.QatConfig} (immutable; defaults to the TFLite int8 spec)
 * with {@link org.qat4j.layers.ActivationQuantSpec}, {@link org.qat4j.layers.weight.WeightQuantSpec}
 * and per-layer {@link org.qat4j.layers.LayerOverride}s resolved into a {@link
 * org.qat4j.layers.LayerPolicy}. The exporter reads a prepared network through {@link
 * org.qat4j.layers.export.QatExport}.
 *
 * <p>Subpackages by concept: {@code fakequant} (TF fake-quant arithmetic in ND4J), {@code
 * observe} (range observers), {@code activation} (the fake-quant layer), {@code weight} (weight
 * fake quantization), {@code fold} (batch-norm folding), {@code prepare} (the network rewrite),
 * {@code export} (the exporter contract).
 *
 * <p>Numeric conventions: float32; TF's nudged fake quantization for activations (zero point
 * rounded half away from zero, grid index half up); symmetric per-channel int8 weights rounded
 * half away from zero. Limits: MultiLayerNetwork only (ComputationGraph later).
 */
package org.qat4j.layers;
