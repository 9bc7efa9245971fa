package org.qat4j.examples.report;

/**
 * One point of an accuracy-against-bit-width curve.
 *
 * @param series the curve it belongs to, e.g. "PTQ, 8-bit activations"
 * @param bits the bit width on the x axis
 * @param accuracy the test accuracy, in [0, 1]
 */
public record BitSweep(String series, int bits, double accuracy) {

    /** Checks the values. */
    public BitSweep {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bit width " + bits + " is outside [1, 32]");
        }
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy " + accuracy + " is outside [0, 1]");
        }
    }
}
