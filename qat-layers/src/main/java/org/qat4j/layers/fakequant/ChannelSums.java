package org.qat4j.layers.fakequant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-channel sums of the upstream gradient over the elements below and above the nudged range,
 * and (for LSQ) over the in-range step-size term.
 *
 * <p>Summation order and precision are part of the arithmetic: elements are visited in C order
 * (row-major; for {@code [N, C, H, W]} that is n, then c, then h, then w, so every channel's
 * elements come in increasing (n, h, w) order), each term is widened to double, accumulated in
 * double and rounded to float32 once at the end. Zero-range channels ({@code min == max == 0})
 * get no range gradient.
 */
final class ChannelSums {

    final double[] below;
    final double[] above;
    final double[] lsqInRange;
    final long[] count;

    private ChannelSums(int channels) {
        below = new double[channels];
        above = new double[channels];
        lsqInRange = new double[channels];
        count = new long[channels];
    }

    /** Sums of g below and above the nudged range. */
    static ChannelSums outside(INDArray x, INDArray upstream, NudgedRanges ranges, boolean perChannel) {
        return sum(x, upstream, null, ranges, perChannel);
    }

    /**
     * Also sums the LSQ in-range term {@code g * ((y - x) / scale)} (the step-size derivative of
     * {@code round(x / s) * s} with the straight-through rounding).
     */
    static ChannelSums withLsqTerm(INDArray x, INDArray upstream, INDArray y, NudgedRanges ranges,
            boolean perChannel) {
        return sum(x, upstream, y, ranges, perChannel);
    }

    private static ChannelSums sum(INDArray x, INDArray upstream, INDArray y, NudgedRanges ranges,
            boolean perChannel) {
        int channels = ranges.channels();
        double[] xs = cOrderValues(x);
        double[] gs = cOrderValues(upstream);
        double[] ys = y == null ? null : cOrderValues(y);
        long inner = 1;
        if (perChannel) {
            for (int d = 2; d < x.rank(); d++) {
                inner *= x.size(d);
            }
        }
        ChannelSums s = new ChannelSums(channels);
        double[] lo = new double[channels];
        double[] hi = new double[channels];
        double[] scale = new double[channels];
        for (int c = 0; c < channels; c++) {
            lo[c] = ranges.nudgedMinAt(c);
            hi[c] = ranges.nudgedMaxAt(c);
            scale[c] = ranges.scaleAt(c);
        }
        for (int i = 0; i < xs.length; i++) {
            int c = perChannel ? (int) ((i / inner) % channels) : 0;
            s.count[c]++;
            if (ranges.isZeroRange(c)) {
                continue;
            }
            double v = xs[i];
            if (v < lo[c]) {
                s.below[c] += gs[i];
            } else if (v > hi[c]) {
                s.above[c] += gs[i];
            } else if (ys != null && v == v) {
                s.lsqInRange[c] += gs[i] * ((ys[i] - v) / scale[c]);
            }
        }
        return s;
    }

    float[] belowAsFloat() {
        return toFloat(below);
    }

    float[] aboveAsFloat() {
        return toFloat(above);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** The array's values in C order, widened to double. */
    static double[] cOrderValues(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() && a.data().length() == a.length() ? a : a.dup('c');
        return c.data().asDouble();
    }
}
