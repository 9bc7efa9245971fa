/**
 * The quantization study behind docs/results.md: {@link
 * org.qat4j.examples.study.QuantizationStudy} trains one reference CNN in float and runs every
 * {@link org.qat4j.examples.study.StudyVariant} from it (PTQ and QAT int8, symmetric activations,
 * per-tensor weights, narrow-range activations, W4A8, W4A4, W2A8), measuring each simulated (DL4J
 * with fake quantization) and on the int8 engine; {@link org.qat4j.examples.study.ResultsMarkdown}
 * writes the table, the targets met or missed, the command and the {@link
 * org.qat4j.examples.study.Machine}.
 *
 * <p>Limits: one seed per run (no error bars); sized for about 20 minutes on 2 cores, so the
 * network is small and QAT runs one epoch per row.
 */
package org.qat4j.examples.study;
