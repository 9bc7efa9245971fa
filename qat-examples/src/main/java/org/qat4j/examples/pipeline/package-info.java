/**
 * The steps every qat4j workflow shares, used by the command, the examples and the study:
 * choosing and loading data ({@link org.qat4j.examples.pipeline.DataChoice}, {@link
 * org.qat4j.examples.pipeline.ImageData}), the reference CNNs ({@link
 * org.qat4j.examples.pipeline.ReferenceModels}), training with a progress bar ({@link
 * org.qat4j.examples.pipeline.Training}), PTQ and QAT ({@link org.qat4j.examples.pipeline.Pipeline}
 * with {@link org.qat4j.examples.pipeline.QuantSettings}), export ({@link
 * org.qat4j.examples.pipeline.Int8Export}), accuracy ({@link org.qat4j.examples.pipeline.Accuracy},
 * {@link org.qat4j.examples.pipeline.EngineEvaluation}), speed ({@link
 * org.qat4j.examples.pipeline.Throughput}) and model files ({@link
 * org.qat4j.examples.pipeline.ModelFiles}).
 *
 * <p>Numeric conventions: pixels are scaled to [0, 1] by the data set's {@code PixelScaling}, the
 * same floats for DL4J and the int8 engine; accuracies are fractions in [0, 1]; the predicted
 * class is the first largest output. Speed figures are medians of three rounds after a warm-up,
 * in images per second, measured in the running JVM (compare within one run).
 *
 * <p>Limits: MultiLayerNetwork only; images of any shape, NCHW.
 */
package org.qat4j.examples.pipeline;
