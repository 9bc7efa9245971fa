/**
 * Tables and charts: {@link org.qat4j.examples.report.TextTable} (aligned text and Markdown),
 * {@link org.qat4j.examples.report.Formats} (percent, points, bytes, rates), {@link
 * org.qat4j.examples.report.RangeRecorder} (learned ranges per training step), {@link
 * org.qat4j.examples.report.Charts} (XChart PNGs, drawn headless) and {@link
 * org.qat4j.examples.report.Report} (a directory of charts with a {@code report.md}).
 *
 * <p>Conventions: accuracies print as percent with two decimals, differences as signed
 * percentage points; weight histograms are in grid units ({@code w / scale + zero point}) so
 * channels with different scales share one axis.
 */
package org.qat4j.examples.report;
