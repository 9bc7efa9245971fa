/**
 * ONNX export of qat4j's integer model ({@link org.qat4j.core.format.IntegerModel}), for ONNX
 * Runtime and other ONNX runtimes.
 *
 * <p><b>Key types.</b> {@link org.qat4j.onnx.OnnxExporter} ({@code export}, {@code write},
 * {@code toModelProto}) and {@link org.qat4j.onnx.OnnxExportOptions} (form, input and output
 * element types, opset). Three forms: QOPERATOR (integer ops: QuantizeLinear, QLinearConv,
 * MatMulInteger, int8 MaxPool and Clip, DequantizeLinear), QDQ (float ops between
 * QuantizeLinear/DequantizeLinear pairs, integer weights and biases behind DequantizeLinear) and
 * FLOAT (dequantized weights, float ops: the float peer of the int8 model). The protobuf classes
 * in {@code org.qat4j.onnx.proto} are generated at build time from ONNX 1.12's {@code onnx.proto}.
 *
 * <p><b>Layout.</b> The engine is NHWC; the ONNX graphs are NCHW: image inputs and outputs are
 * {@code [N, C, H, W]} with a symbolic batch {@code N}, convolution weights OIHW. A flatten read
 * by fully-connected layers flattens NCHW directly, and their weight columns are permuted to
 * match; other reshapes transpose to NHWC and back.
 *
 * <p><b>Numeric conventions.</b> Weights, biases, scales, zero points and clamps are the
 * engine's, bit for bit. Requantization differs: ONNX defines it as the int32 accumulator times
 * the real multiplier {@code s_in * s_w[c] / s_out}, rounded half to even, where the engine uses
 * TFLite's fixed-point multiplier with two roundings (ties away from zero); QuantizeLinear on the
 * input rounds half to even where the engine rounds half away from zero; ONNX average pooling
 * averages in float and rounds half to even where the engine divides the integer sum and rounds
 * half away from zero. Each differs from the engine by at most one step at (near-)ties. Fused
 * ReLU/ReLU6 clamps are int8 {@code Clip} ops, exact. The QOperator fully-connected requantization
 * converts the int32 accumulator to float32, exact while it stays below 2^24 in magnitude.
 *
 * <p><b>Limits.</b> Opsets 13 to 17; the ONNX standard domain only (no contrib ops). Exported
 * bytes are a single protobuf message, so a model must stay below protobuf's 2 GiB. Stateless and
 * thread-safe.
 */
package org.qat4j.onnx;
