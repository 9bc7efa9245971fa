package org.qat4j.layers.observe;

/**
 * The extreme minimum and maximum over every observed batch (PyTorch's {@code MinMaxObserver}),
 * the usual choice for post-training calibration: {@code min = min(min, batchMin)}, {@code max =
 * max(max, batchMax)}. No rounding occurs.
 */
public final class MinMaxObserver implements RangeObserver {

    private static final long serialVersionUID = 1L;

    /** Creates the observer; it has no settings. */
    public MinMaxObserver() {
    }

    @Override
    public void update(float[] runningMin, float[] runningMax, float[] batchMin, float[] batchMax,
            boolean first) {
        for (int c = 0; c < runningMin.length; c++) {
            runningMin[c] = first ? batchMin[c] : Math.min(runningMin[c], batchMin[c]);
            runningMax[c] = first ? batchMax[c] : Math.max(runningMax[c], batchMax[c]);
        }
    }

    @Override
    public MinMaxObserver copy() {
        return new MinMaxObserver();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxObserver;
    }

    @Override
    public int hashCode() {
        return MinMaxObserver.class.hashCode();
    }

    @Override
    public String toString() {
        return "MinMaxObserver";
    }
}
