package org.qat4j.layers.observe;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minima and maxima of one batch of activations, per tensor or per channel (axis 1), as
 * ND4J reductions. Min and max are exact; no rounding occurs.
 *
 * @param min per-channel minima (one value per tensor)
 * @param max per-channel maxima
 */
public record BatchRange(float[] min, float[] max) {

    /** Copies the arrays and checks their lengths match. */
    public BatchRange {
        if (min.length != max.length) {
            throw new IllegalArgumentException("min has " + min.length + " channels and max "
                    + max.length + "; they must match");
        }
        min = min.clone();
        max = max.clone();
    }

    /**
     * @param x activations of any shape
     * @return the tensor's minimum and maximum
     */
    public static BatchRange perTensor(INDArray x) {
        return new BatchRange(new float[] {x.minNumber().floatValue()},
                new float[] {x.maxNumber().floatValue()});
    }

    /**
     * @param x activations {@code [N, C]} or {@code [N, C, H, W]}
     * @return per-channel minima and maxima over every axis but 1
     */
    public static BatchRange perChannel(INDArray x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("per-channel ranges need input of rank 2 or more, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int[] dims = new int[x.rank() - 1];
        dims[0] = 0;
        for (int d = 2; d < x.rank(); d++) {
            dims[d - 1] = d;
        }
        return new BatchRange(x.min(dims).toFloatVector(), x.max(dims).toFloatVector());
    }

    /** @return a copy of the minima */
    @Override
    public float[] min() {
        return min.clone();
    }

    /** @return a copy of the maxima */
    @Override
    public float[] max() {
        return max.clone();
    }
}
