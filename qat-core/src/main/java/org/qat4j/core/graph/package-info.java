/**
 * The integer-only inference graph an exporter produces and the interpreter runs.
 *
 * <p><b>Key types.</b> {@link org.qat4j.core.graph.IntegerGraph} (immutable, validated as a
 * whole) and its {@link org.qat4j.core.graph.IntegerGraphBuilder}; {@link
 * org.qat4j.core.graph.Tensor} with {@link org.qat4j.core.graph.Shape} and {@link
 * org.qat4j.core.graph.Quantization}; the ops, records implementing the sealed {@link
 * org.qat4j.core.graph.Op}: {@link org.qat4j.core.graph.QuantizeInput}, {@link
 * org.qat4j.core.graph.Conv2D}, {@link org.qat4j.core.graph.FullyConnected}, {@link
 * org.qat4j.core.graph.MaxPool2D}, {@link org.qat4j.core.graph.AveragePool2D}, {@link
 * org.qat4j.core.graph.Reshape}, {@link org.qat4j.core.graph.DequantizeOutput}; their parameters
 * {@link org.qat4j.core.graph.QuantizedWeights}, {@link org.qat4j.core.graph.ChannelMultipliers},
 * {@link org.qat4j.core.graph.ConvWindow}, {@link org.qat4j.core.graph.PoolWindow}, {@link
 * org.qat4j.core.graph.Padding}, {@link org.qat4j.core.graph.ActivationClamp}, {@link
 * org.qat4j.core.graph.FusedActivation}.
 *
 * <p><b>Numeric conventions</b> (TFLite's int8 specification). Tensor shapes are per example,
 * without the batch dimension; feature maps are NHWC {@code [H, W, C]}. {@code real = scale * (q -
 * zero_point)}. Activations: per-tensor scale (float32) and zero point; a {@code b}-bit
 * activation holds {@code [-2^(b-1), 2^(b-1) - 1]} in an int8 container. Weights: symmetric, zero
 * point 0, narrow range {@code [-(2^(b-1) - 1), 2^(b-1) - 1]}, per output channel for
 * convolution. Bias: int32 at scale {@code s_in * s_w[c]}. Multipliers: {@code s_in * s_w[c] /
 * s_out} in fixed point, derived as TFLite derives them. Fused activations are output clamps.
 * Padding is explicit per side; for convolution a padded position equals the input zero point,
 * i.e. real 0.
 *
 * <p><b>Limits.</b> {@link org.qat4j.core.graph.GraphLimits}; the int32 accumulator bound of
 * {@link org.qat4j.core.kernels.AccumulatorBound}. Everything here is immutable and thread-safe
 * except the builder.
 */
package org.qat4j.core.graph;
