package org.qat4j.layers.observe;

import java.io.Serializable;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

/**
 * Estimates a running range from the per-channel minima and maxima of successive batches.
 *
 * <p>An observer only folds batch statistics into a range; it does not quantize (that is the
 * fake-quant layer's job) and it does not decide when it runs (that is the layer's policy: the
 * first {@code observerBatches} training batches, or {@code Qat.calibrate}). Implementations are
 * Jackson beans (public no-arg constructor, a getter and setter per field) so that network
 * configurations that hold them survive DL4J's JSON round trip.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface RangeObserver extends Serializable {

    /**
     * Folds one batch into the running range, in place.
     *
     * @param runningMin per-channel running minima; overwritten
     * @param runningMax per-channel running maxima; overwritten
     * @param batchMin the batch's per-channel minima
     * @param batchMax the batch's per-channel maxima
     * @param first whether this is the first batch (the running range holds nothing yet)
     */
    void update(float[] runningMin, float[] runningMax, float[] batchMin, float[] batchMax, boolean first);

    /** @return an independent copy of this observer */
    RangeObserver copy();
}
