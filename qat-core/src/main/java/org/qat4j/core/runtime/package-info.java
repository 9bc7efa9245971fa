/**
 * The int8 engine: {@link org.qat4j.core.runtime.Interpreter} runs an {@link
 * org.qat4j.core.format.IntegerModel} on batches with the kernels of a {@link
 * org.qat4j.core.kernels.KernelSet} (by default the fast GEMM-based kernels, byte-identical to the
 * reference ones; the reference kernels stand in for them while they warm up in the background,
 * see {@link org.qat4j.core.kernels.fast.FastKernels#shared()}).
 *
 * <p><b>Numeric conventions.</b> Floats exist only at the edges: the input is quantized with
 * TFLite's Quantize (float32 division, round half away from zero, saturate) and the output
 * dequantized with {@code scale * (q - zero_point)}; see {@link
 * org.qat4j.core.kernels.EdgeQuantizer}. Everything in between is the integer arithmetic of the
 * kernels. The user's input layout (NCHW for DL4J convolutional input) is transposed to the graph's
 * NHWC at the edge.
 *
 * <p><b>Debugging.</b> {@link org.qat4j.core.runtime.Interpreter#runTraced} returns every int8
 * tensor of a run, so an exporter can compare each layer with the network it came from.
 *
 * <p><b>Threads and memory.</b> An interpreter owns its buffers (one per tensor, sized for the
 * largest batch seen, reshapes sharing their input's) and is not thread-safe; models are immutable
 * and shareable, so create one interpreter per thread.
 */
package org.qat4j.core.runtime;
