/**
 * The activation fake-quant layer for DL4J: configuration
 * ({@link org.qat4j.layers.activation.FakeQuantLayer}), implementation
 * ({@link org.qat4j.layers.activation.FakeQuantLayerImpl}), parameters
 * ({@link org.qat4j.layers.activation.FakeQuantParamInitializer}: bias-like {@code min} and
 * {@code max}), the range-gradient choice ({@link org.qat4j.layers.activation.RangeGradient}) and
 * the rule that keeps a learned range valid ({@link org.qat4j.layers.activation.RangeRule}).
 *
 * <p>Numeric conventions: see {@link org.qat4j.layers.fakequant}. The layer preserves its
 * input's shape; per-channel ranges follow axis 1.
 *
 * <p>Limits: MultiLayerNetwork only so far (the layer itself is graph-agnostic).
 */
package org.qat4j.layers.activation;
