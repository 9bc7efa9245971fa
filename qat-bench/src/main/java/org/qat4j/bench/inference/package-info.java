/**
 * End-to-end inference benchmarks: qat4j's int8 engine against DL4J's float network and ONNX
 * Runtime (float and int8) on the same models and images, in one JMH run, with a report of the
 * ratios.
 *
 * <p>Models ({@link org.qat4j.bench.inference.BenchModel}): a LeNet-5 size CNN and an MLP
 * 784-512-256-10, each built as a user builds one ({@link
 * org.qat4j.bench.inference.BenchModelBuilder}: DL4J float network briefly trained on synthetic
 * images, {@code Qat.prepare} with {@code QatConfig.tfliteInt8()}, {@code Qat.calibrate}, {@code
 * Qat.export}) into files reused by every run ({@link org.qat4j.bench.inference.BenchModelFiles}).
 *
 * <p>Benchmarks: one class per runtime, one {@code @State} per runtime extending {@link
 * org.qat4j.bench.inference.ModelInput} (parameters {@code model}, {@code batch}, {@code threads};
 * the same seeded images for all), one {@code @Benchmark} method per way of calling the runtime:
 *
 * <ul>
 *   <li>{@link org.qat4j.bench.inference.QatEngineInference}: {@code floatToFloat} (the interpreter
 *       as a user calls it) and {@code int8ToInt8} (already quantized input);
 *   <li>{@link org.qat4j.bench.inference.Dl4jInference}: {@code output}, the float peer;
 *   <li>{@link org.qat4j.bench.inference.OrtInference}: ONNX Runtime on the int8 model exported
 *       with qat-onnx, {@code floatModel} (float form), {@code int8Qdq} (QDQ form, with {@code
 *       session.qdqisint8allowed = 1}) and {@code int8QOperator} (QOperator form).
 * </ul>
 *
 * <p>Mode {@code SampleTime}: JMH times single calls, so each result has the mean (images per
 * second = batch / mean) and percentiles (p50, p99). {@link
 * org.qat4j.bench.inference.InferenceReport} turns the CSV into the ratio table, the LeNet targets,
 * the engine against each ONNX Runtime form (target at batch 1: on par with its faster int8 form)
 * and the model file sizes. {@link org.qat4j.bench.inference.LayerProfile} is not a benchmark
 * but a profile: the engine's time per layer, to tell which one to work on. Commands and
 * results: {@code docs/performance.md}.
 */
package org.qat4j.bench.inference;
