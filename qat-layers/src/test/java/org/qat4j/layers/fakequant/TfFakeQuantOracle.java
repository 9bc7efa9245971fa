package org.qat4j.layers.fakequant;

/**
 * Scalar float32 transcription of TensorFlow's fake-quant kernels, element by element, as the
 * test oracle for the vectorised ND4J version.
 */
final class TfFakeQuantOracle {

    private TfFakeQuantOracle() {
    }

    record Nudged(float min, float max, float scale, float invScale, float quantZero) {
    }

    static Nudged nudge(float min, float max, int quantMin, int quantMax) {
        float qmin = quantMin;
        float qmax = quantMax;
        float scale = (max - min) / (qmax - qmin);
        float invScale = (qmax - qmin) / (max - min);
        float zpFromMin = qmin - min / scale;
        float zp = zpFromMin < qmin ? qmin : zpFromMin > qmax ? qmax : Math.round(zpFromMin);
        float nudgedMin = (qmin - zp) * scale;
        float nudgedMax = (qmax - zp) * scale;
        float quantZero = (float) Math.floor(-nudgedMin * invScale + 0.5f);
        return new Nudged(nudgedMin, nudgedMax, scale, invScale, quantZero);
    }

    /** FakeQuantWithMinMaxVars: divides by the scale. */
    static float perTensor(float x, Nudged n) {
        float clamped = Math.max(Math.min(x, n.max()), n.min());
        return (float) Math.floor((clamped - n.min()) / n.scale() - n.quantZero() + 0.5f) * n.scale();
    }

    /** FakeQuantWithMinMaxVarsPerChannel: multiplies by the inverse scale. */
    static float perChannel(float x, Nudged n) {
        float clamped = Math.max(Math.min(x, n.max()), n.min());
        return (float) Math.floor((clamped - n.min()) * n.invScale() - n.quantZero() + 0.5f) * n.scale();
    }
}
