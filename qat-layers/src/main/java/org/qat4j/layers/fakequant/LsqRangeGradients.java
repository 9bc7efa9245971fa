package org.qat4j.layers.fakequant;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.qat4j.core.quant.LsqFakeQuant;

/**
 * LSQ (Esser et al., ICLR 2020; PyTorch's {@code _LearnableFakeQuantize}) range gradients for
 * TF's nudged fake quantization, expressed on the (min, max) parameters.
 *
 * <p>The forward is TF's (so the exported scale and zero point are exactly those of the nudged
 * range); only the range gradient differs from {@link Nd4jFakeQuant}. With step size {@code s}
 * (the nudged scale) and zero point {@code zp} (the nudged zero point), and the rounding passed
 * straight through:
 * <pre>
 *   in range:  ds += g * (y - x) / s            dzp += 0
 *   below:     ds += g * (quantMin - zp)        dzp += -g * s
 *   above:     ds += g * (quantMax - zp)        dzp += -g * s
 * </pre>
 * both multiplied by LSQ's gradient scale {@link LsqFakeQuant#gradScale}{@code (count,
 * quantMax)} = {@code 1 / sqrt(count * quantMax)} rounded to float, {@code count} being the
 * number of elements of the channel in the batch. Then the chain rule
 * through {@code s = (max - min) / n} and {@code zp = quantMin - min / s} ({@code n =
 * quantMax - quantMin}, the rounding of {@code zp} passed straight through) gives
 * <pre>
 *   dMin = -ds / n - dzp * n * max / (max - min)^2
 *   dMax =  ds / n + dzp * n * min / (max - min)^2
 * </pre>
 * Sums and the mapping run in double and are rounded to float32 once. The input gradient is the
 * straight-through {@code dx} of TF.
 *
 * <p>This is not qat-core's {@link LsqFakeQuant}, whose parameters are the scale and zero point
 * and whose forward is PyTorch's (round half to even, no nudge): here the forward and the
 * exported parameters stay TF's, and only LSQ's estimator of the step-size gradient is used.
 */
public final class LsqRangeGradients {

    private LsqRangeGradients() {
    }

    /**
     * LSQ gradients for one range over the whole tensor.
     *
     * @param x the forward input
     * @param upstream dL/dy
     * @param min the (un-nudged) minimum parameter, one element
     * @param max the (un-nudged) maximum parameter, one element
     * @param ranges the nudged constants of {@code min} and {@code max}
     * @param dx receives dL/dx
     * @return dL/dx and the LSQ range gradients
     */
    public static RangeGradients backwardPerTensor(INDArray x, INDArray upstream, float[] min,
            float[] max, NudgedRanges ranges, INDArray dx) {
        Nd4jFakeQuant.requireChannels(ranges, 1);
        Nd4jFakeQuant.requireSameShape(x, upstream);
        Nd4jFakeQuant.requireSameShape(x, dx);
        INDArray y = Nd4jFakeQuant.forwardPerTensor(x, ranges, x.ulike());
        return map(dx, ChannelSums.backward(x, upstream, y, ranges, false, dx), min, max, ranges);
    }

    /**
     * LSQ gradients for one range per channel along axis 1.
     *
     * @param x the forward input
     * @param upstream dL/dy
     * @param min the (un-nudged) minima, one per channel
     * @param max the (un-nudged) maxima, one per channel
     * @param ranges the nudged constants of {@code min} and {@code max}
     * @param dx receives dL/dx
     * @return dL/dx and the LSQ range gradients
     */
    public static RangeGradients backwardPerChannel(INDArray x, INDArray upstream, float[] min,
            float[] max, NudgedRanges ranges, INDArray dx) {
        Nd4jFakeQuant.requireChannelAxis(x, ranges);
        Nd4jFakeQuant.requireSameShape(x, upstream);
        Nd4jFakeQuant.requireSameShape(x, dx);
        INDArray y = Nd4jFakeQuant.forwardPerChannel(x, ranges, x.ulike());
        return map(dx, ChannelSums.backward(x, upstream, y, ranges, true, dx), min, max, ranges);
    }

    private static RangeGradients map(INDArray dx, ChannelSums sums, float[] min, float[] max,
            NudgedRanges ranges) {
        int channels = ranges.channels();
        float[] dMin = new float[channels];
        float[] dMax = new float[channels];
        double n = ranges.quantMax() - ranges.quantMin();
        for (int c = 0; c < channels; c++) {
            if (ranges.isZeroRange(c) || sums.count[c] == 0) {
                continue;
            }
            double s = ranges.scaleAt(c);
            double zp = ranges.zeroPointAt(c);
            double gradScale = LsqFakeQuant.gradScale(sums.count[c], ranges.quantMax());
            double ds = (sums.lsqInRange[c] + sums.below[c] * (ranges.quantMin() - zp)
                    + sums.above[c] * (ranges.quantMax() - zp)) * gradScale;
            double dzp = -(sums.below[c] + sums.above[c]) * s * gradScale;
            double width = (double) max[c] - (double) min[c];
            double widthSq = width * width;
            dMin[c] = (float) (-ds / n - dzp * n * max[c] / widthSq);
            dMax[c] = (float) (ds / n + dzp * n * min[c] / widthSq);
        }
        return new RangeGradients(dx, dMin, dMax);
    }
}
