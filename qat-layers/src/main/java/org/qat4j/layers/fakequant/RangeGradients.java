package org.qat4j.layers.fakequant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients of a fake-quant step: with respect to its input and to its range.
 *
 * @param dx dL/dx, the shape of the input
 * @param dMin dL/dmin, one value per channel (one for per-tensor ranges)
 * @param dMax dL/dmax, one value per channel
 */
public record RangeGradients(INDArray dx, float[] dMin, float[] dMax) {

    /** Checks the per-channel arrays and copies them. */
    public RangeGradients {
        if (dMin.length != dMax.length) {
            throw new IllegalArgumentException("dMin has " + dMin.length + " channels and dMax "
                    + dMax.length + "; they must match");
        }
        dMin = dMin.clone();
        dMax = dMax.clone();
    }

    /** @return a copy of dL/dmin */
    @Override
    public float[] dMin() {
        return dMin.clone();
    }

    /** @return a copy of dL/dmax */
    @Override
    public float[] dMax() {
        return dMax.clone();
    }
}
