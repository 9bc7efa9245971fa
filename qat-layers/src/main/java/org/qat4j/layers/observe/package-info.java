/**
 * Range observers: estimate activation ranges from batch statistics (PyTorch ao's observer
 * concept, kept apart from fake quantization and from per-layer policy).
 *
 * <p>Key types: {@link org.qat4j.layers.observe.RangeObserver} (the contract),
 * {@link org.qat4j.layers.observe.MovingAverageMinMaxObserver} (QAT default),
 * {@link org.qat4j.layers.observe.MinMaxObserver} (extreme values, for calibration),
 * {@link org.qat4j.layers.observe.BatchRange} (one batch's per-tensor or per-channel min/max).
 *
 * <p>Numeric conventions: float32 ranges; moving averages are evaluated in double and rounded to
 * float once. Observers are Jackson beans so that DL4J's JSON round-trips them.
 */
package org.qat4j.layers.observe;
