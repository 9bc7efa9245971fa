package org.qat4j.layers.activation;

/**
 * The rule that keeps a learned activation range usable after every parameter update and every
 * observer update.
 *
 * <p>Applied per channel, in float32, in this order:
 * <ol>
 *   <li>Zero inside: {@code min = min(min, 0)}, {@code max = max(max, 0)} (TensorFlow requires
 *       {@code min <= 0 <= max}; exact zero must stay representable for ReLU outputs and zero
 *       padding).</li>
 *   <li>Minimum width: if {@code max - min < minWidth}, the side farther from zero is moved out:
 *       {@code max = min + minWidth} when {@code max >= -min}, else {@code min = max -
 *       minWidth}. A collapsed range [0, 0] becomes [0, minWidth].</li>
 * </ol>
 * Both steps leave an already valid range bit-for-bit unchanged. Non-finite values are left as
 * they are; the layer rejects them before use.
 */
public final class RangeRule {

    private RangeRule() {
    }

    /**
     * Applies the rule in place.
     *
     * @param min per-channel minima, updated
     * @param max per-channel maxima, updated
     * @param minWidth the smallest allowed {@code max - min}, positive
     * @return whether any value changed
     */
    public static boolean apply(float[] min, float[] max, float minWidth) {
        boolean changed = false;
        for (int c = 0; c < min.length; c++) {
            float lo = Math.min(min[c], 0f);
            float hi = Math.max(max[c], 0f);
            if (hi - lo < minWidth) {
                if (hi >= -lo) {
                    hi = lo + minWidth;
                } else {
                    lo = hi - minWidth;
                }
            }
            if (Float.floatToIntBits(lo) != Float.floatToIntBits(min[c])
                    || Float.floatToIntBits(hi) != Float.floatToIntBits(max[c])) {
                min[c] = lo;
                max[c] = hi;
                changed = true;
            }
        }
        return changed;
    }
}
