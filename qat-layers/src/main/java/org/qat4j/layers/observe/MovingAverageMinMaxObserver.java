package org.qat4j.layers.observe;

/**
 * Exponential moving average of batch minima and maxima (TensorFlow's {@code
 * MovingAvgQuantize}, PyTorch's {@code MovingAverageMinMaxObserver}):
 * <pre>
 *   first batch:  min = batchMin,                                max = batchMax
 *   afterwards:   min = decay * min + (1 - decay) * batchMin,     likewise for max
 * </pre>
 * Each update is evaluated in double and rounded to float32 once (round half to even, Java's
 * {@code (float)} cast).
 */
public final class MovingAverageMinMaxObserver implements RangeObserver {

    private static final long serialVersionUID = 1L;

    /** Default decay: the range forgets about 10% per batch. */
    public static final double DEFAULT_DECAY = 0.9;

    private double decay = DEFAULT_DECAY;

    /** Creates an observer with {@link #DEFAULT_DECAY}. */
    public MovingAverageMinMaxObserver() {
    }

    /**
     * @param decay weight of the running value, in [0, 1); 0 keeps only the latest batch
     * @throws IllegalArgumentException if {@code decay} is outside [0, 1)
     */
    public MovingAverageMinMaxObserver(double decay) {
        setDecay(decay);
    }

    @Override
    public void update(float[] runningMin, float[] runningMax, float[] batchMin, float[] batchMax,
            boolean first) {
        for (int c = 0; c < runningMin.length; c++) {
            if (first) {
                runningMin[c] = batchMin[c];
                runningMax[c] = batchMax[c];
            } else {
                runningMin[c] = (float) (decay * runningMin[c] + (1 - decay) * batchMin[c]);
                runningMax[c] = (float) (decay * runningMax[c] + (1 - decay) * batchMax[c]);
            }
        }
    }

    @Override
    public MovingAverageMinMaxObserver copy() {
        return new MovingAverageMinMaxObserver(decay);
    }

    /** @return the weight of the running value */
    public double getDecay() {
        return decay;
    }

    /**
     * @param decay weight of the running value, in [0, 1)
     * @throws IllegalArgumentException if {@code decay} is outside [0, 1)
     */
    public void setDecay(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("observer decay " + decay
                    + " is outside [0, 1); use 0.9 to average over about 10 batches");
        }
        this.decay = decay;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MovingAverageMinMaxObserver m && m.decay == decay;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(decay);
    }

    @Override
    public String toString() {
        return "MovingAverageMinMaxObserver(decay=" + decay + ")";
    }
}
