package org.qat4j.layers.fakequant;

/**
 * TensorFlow's nudge of a (min, max) range so that real 0 is exactly representable.
 *
 * <p>All float32: {@code scale = (max - min) / (quantMax - quantMin)}; {@code zeroPointFromMin =
 * quantMin - min / scale}; the zero point is {@code quantMin} below the grid, {@code quantMax}
 * above it, else {@code zeroPointFromMin} rounded half away from zero ({@code std::round});
 * {@code nudgedMin = (quantMin - zeroPoint) * scale}, {@code nudgedMax = (quantMax - zeroPoint) *
 * scale}. The scale is kept and the range slides.
 */
final class TfNudge {

    record Result(float min, float max, float scale, float zeroPoint) {
    }

    private TfNudge() {
    }

    static Result nudge(float min, float max, int quantMin, int quantMax) {
        float quantMinF = quantMin;
        float quantMaxF = quantMax;
        float scale = (max - min) / (quantMaxF - quantMinF);
        float zeroPointFromMin = quantMinF - min / scale;
        float zeroPoint;
        if (zeroPointFromMin < quantMinF) {
            zeroPoint = quantMinF;
        } else if (zeroPointFromMin > quantMaxF) {
            zeroPoint = quantMaxF;
        } else {
            // Half away from zero; the value is >= 0 here, so Math.round (half up) agrees.
            zeroPoint = Math.round(zeroPointFromMin);
        }
        return new Result((quantMinF - zeroPoint) * scale, (quantMaxF - zeroPoint) * scale, scale,
                zeroPoint);
    }
}
