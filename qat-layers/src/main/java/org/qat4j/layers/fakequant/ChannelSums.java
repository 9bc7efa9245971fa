package org.qat4j.layers.fakequant;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of fake quantization in one sequential sweep: the straight-through input
 * gradient {@code dx = g * [nudgedMin <= x <= nudgedMax]}, the per-channel sums of {@code g} below
 * and above the nudged range, and (for LSQ) the sum of the in-range step-size term {@code g *
 * ((y - x) / scale)}.
 *
 * <p>Summation order and precision are part of the arithmetic: elements are visited in C order
 * (row-major; for {@code [N, C, H, W]} every channel's elements come in increasing (n, h, w)
 * order), each term {@code g * mask} is a float product widened to double and added to the
 * channel's running double sum, which is rounded to float32 once at the end. That is qat-core's
 * {@code FakeQuant.gradients} order, so the sums agree bit for bit; a vectorised tree reduction
 * would not. (Terms that are {@code g * 0} are skipped: adding {@code +-0.0} to a double sum that
 * starts at {@code +0.0} never changes it.) FLOAT arrays are copied chunk by chunk between
 * ND4J's native buffers and the Java heap; other types (DOUBLE gradient checks) take a slower
 * generic path with the same arithmetic. Zero-range channels
 * ({@code min == max == 0}) pass {@code g} through and get no range gradient.
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

    /**
     * Runs the sweep.
     *
     * @param x forward input
     * @param upstream dL/dy, same shape
     * @param y the forward output (LSQ only), or null
     * @param ranges nudged constants
     * @param perChannel whether ranges are per channel (axis 1)
     * @param dx receives dL/dx, same shape
     * @return the sums
     */
    static ChannelSums backward(INDArray x, INDArray upstream, INDArray y, NudgedRanges ranges, boolean perChannel,
            INDArray dx) {
        INDArray xs = contiguous(x);
        INDArray gs = contiguous(upstream);
        INDArray ys = y == null ? null : contiguous(y);
        boolean direct = isContiguous(dx);
        INDArray out = direct ? dx : xs.ulike();
        long inner = 1;
        if (perChannel) {
            for (int d = 2; d < x.rank(); d++) {
                inner *= x.size(d);
            }
        }
        ChannelSums s = new ChannelSums(ranges.channels());
        boolean fast = xs.dataType() == DataType.FLOAT && gs.dataType() == DataType.FLOAT
                && out.dataType() == DataType.FLOAT && (ys == null || ys.dataType() == DataType.FLOAT)
                && xs.length() <= Integer.MAX_VALUE;
        if (fast) {
            s.sweepFloat(buffer(xs), buffer(gs), ys == null ? null : buffer(ys), buffer(out), (int) xs.length(),
                    (int) inner, perChannel, ranges);
        } else {
            s.sweepGeneric(xs, gs, ys, out, inner, perChannel, ranges);
        }
        if (!direct) {
            dx.assign(out);
        }
        return s;
    }

    /** Elements copied between ND4J's buffer and the Java heap at a time. */
    private static final int CHUNK = 1 << 14;

    private void sweepFloat(FloatBuffer x, FloatBuffer g, FloatBuffer y, FloatBuffer dx, int n, int inner,
            boolean perChannel, NudgedRanges ranges) {
        int channels = ranges.channels();
        float[] lo = ranges.nudgedMin();
        float[] hi = ranges.nudgedMax();
        float[] scale = ranges.scale();
        boolean[] zero = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            zero[c] = ranges.isZeroRange(c);
        }
        float[] xs = new float[Math.min(CHUNK, n)];
        float[] gs = new float[xs.length];
        float[] ys = y == null ? null : new float[xs.length];
        float[] ds = new float[xs.length];
        // Every channel holds the same number of elements.
        java.util.Arrays.fill(count, n / channels);
        int c = 0;
        int pos = 0;
        for (int start = 0; start < n; start += xs.length) {
            int len = Math.min(xs.length, n - start);
            x.get(start, xs, 0, len);
            g.get(start, gs, 0, len);
            if (ys != null) {
                y.get(start, ys, 0, len);
            }
            for (int k = 0; k < len; ) {
                // A run of elements of one channel (per tensor: the whole chunk).
                int run = perChannel ? Math.min(len - k, inner - pos) : len - k;
                if (zero[c]) {
                    System.arraycopy(gs, k, ds, k, run);
                } else {
                    sweepRun(xs, gs, ys, ds, k, k + run, c, lo[c], hi[c], scale[c]);
                }
                k += run;
                pos += run;
                if (perChannel && pos == inner) {
                    pos = 0;
                    c = c + 1 == channels ? 0 : c + 1;
                }
            }
            dx.put(start, ds, 0, len);
        }
    }

    /** One channel's elements {@code [from, to)} of the current chunk. */
    private void sweepRun(float[] xs, float[] gs, float[] ys, float[] ds, int from, int to, int c, float lo, float hi,
            float scale) {
        // Continue the channel's running sums: one sequential double sum per channel. Terms
        // that are g * 0 are skipped, which leaves the sums unchanged.
        double sumBelow = below[c];
        double sumAbove = above[c];
        for (int k = from; k < to; k++) {
            float v = xs[k];
            float gv = gs[k];
            if (v < lo) {
                // g * 0, as TF's mask multiply: -0.0 for a negative g.
                ds[k] = gv * 0.0f;
                sumBelow += gv;
            } else if (v > hi) {
                ds[k] = gv * 0.0f;
                sumAbove += gv;
            } else {
                ds[k] = gv;
            }
        }
        below[c] = sumBelow;
        above[c] = sumAbove;
        if (ys != null) {
            double sumLsq = lsqInRange[c];
            for (int k = from; k < to; k++) {
                float v = xs[k];
                if (v >= lo && v <= hi) {
                    sumLsq += (double) gs[k] * (((double) ys[k] - v) / scale);
                }
            }
            lsqInRange[c] = sumLsq;
        }
    }

    private void sweepGeneric(INDArray x, INDArray g, INDArray y, INDArray dx, long inner, boolean perChannel,
            NudgedRanges ranges) {
        int channels = ranges.channels();
        long n = x.length();
        for (long index = 0; index < n; index++) {
            int c = perChannel ? (int) ((index / inner) % channels) : 0;
            count[c]++;
            double gv = g.data().getDouble(index);
            if (ranges.isZeroRange(c)) {
                dx.data().put(index, gv);
                continue;
            }
            double v = x.data().getDouble(index);
            boolean isBelow = v < ranges.nudgedMinAt(c);
            boolean isAbove = v > ranges.nudgedMaxAt(c);
            dx.data().put(index, gv * (isBelow || isAbove ? 0.0 : 1.0));
            below[c] += gv * (isBelow ? 1.0 : 0.0);
            above[c] += gv * (isAbove ? 1.0 : 0.0);
            if (y != null && !isBelow && !isAbove && v == v) {
                lsqInRange[c] += gv * ((y.data().getDouble(index) - v) / ranges.scaleAt(c));
            }
        }
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

    private static boolean isContiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() && a.data().length() == a.length() && a.offset() == 0;
    }

    private static INDArray contiguous(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    private static FloatBuffer buffer(INDArray a) {
        return ((FloatPointer) a.data().addressPointer()).capacity(a.length()).asBuffer();
    }
}
