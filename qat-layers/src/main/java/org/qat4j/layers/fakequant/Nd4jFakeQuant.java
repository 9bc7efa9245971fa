package org.qat4j.layers.fakequant;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMax;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMin;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * TensorFlow's fake quantization ({@code FakeQuantWithMinMaxVars} and its per-channel twin) and
 * its gradients, as vectorised ND4J operations.
 *
 * <p>Forward, per tensor (quantization.md, section 1), one element-wise ND4J pass per step so
 * that every step rounds to float32 exactly as the reference does:
 * <pre>
 *   y = floor((clamp(x, nudgedMin, nudgedMax) - nudgedMin) / scale - quantZero + 0.5) * scale
 * </pre>
 * Per channel the division becomes a multiplication by {@code invScale}, as in TF's per-channel
 * kernel. {@code floor(v + 0.5)} rounds half up. The channel axis is 1: the feature axis of
 * {@code [N, F]} activations and the channel axis of {@code [N, C, H, W]} ones.
 *
 * <p>Backward ({@code FakeQuantWithMinMaxVarsGradient}): the straight-through estimator passes
 * {@code dx = g * 1} where {@code nudgedMin <= x <= nudgedMax} and {@code g * 0} elsewhere (so a
 * negative {@code g} outside gives {@code -0.0}, as in TF); the range receives {@code dMin = sum
 * of g over x < nudgedMin} and {@code dMax = sum of g over x > nudgedMax} (PACT's clipping
 * gradient, no in-range term). The sums must be sequential to match qat-core bit for bit, so the
 * backward is one sequential sweep over ND4J's buffers ({@link ChannelSums}) that writes {@code
 * dx} on the way, rather than a chain of vectorised ND4J passes.
 *
 * <p>Works on FLOAT arrays bit for bit; DOUBLE arrays (gradient checks) run the same steps with
 * the float32 constants widened to double.
 */
public final class Nd4jFakeQuant {

    /** The channel axis of {@code [N, F]} and {@code [N, C, H, W]} activations. */
    public static final int CHANNEL_AXIS = 1;

    private Nd4jFakeQuant() {
    }

    /**
     * Fake-quantizes {@code x} with one range for the whole tensor.
     *
     * @param x the input, any shape; not modified
     * @param ranges nudged constants with one channel
     * @param out receives the result; same shape as {@code x}, may not alias it
     * @return {@code out}
     */
    public static INDArray forwardPerTensor(INDArray x, NudgedRanges ranges, INDArray out) {
        gridIndexPerTensor(x, ranges, out);
        return out.muli(ranges.scaleAt(0));
    }

    /**
     * The integer step of {@link #forwardPerTensor}: {@code floor((clamp(x) - nudgedMin) / scale -
     * quantZero + 0.5)}, which is {@code q - zeroPoint} for the grid integer {@code q}. The
     * forward result is exactly this times the scale.
     *
     * @param x the input, any shape; not modified
     * @param ranges nudged constants with one channel
     * @param out receives the integers (as floats); same shape as {@code x}
     * @return {@code out}
     */
    public static INDArray gridIndexPerTensor(INDArray x, NudgedRanges ranges, INDArray out) {
        requireChannels(ranges, 1);
        requireSameShape(x, out);
        if (ranges.isZeroRange(0)) {
            return out.assign(0);
        }
        Nd4j.getExecutioner().exec(new ScalarMin(x, null, out, ranges.nudgedMaxAt(0)));
        Nd4j.getExecutioner().exec(new ScalarMax(out, null, out, ranges.nudgedMinAt(0)));
        out.subi(ranges.nudgedMinAt(0));
        out.divi(ranges.scaleAt(0));
        out.subi(ranges.quantZeroAt(0));
        out.addi(0.5f);
        return Transforms.floor(out, false);
    }

    /**
     * Fake-quantizes {@code x} with one range per channel along axis 1.
     *
     * @param x the input, rank 2 or more with {@code ranges.channels()} entries on axis 1
     * @param ranges nudged constants, one per channel
     * @param out receives the result; same shape as {@code x}, may not alias it
     * @return {@code out}
     */
    public static INDArray forwardPerChannel(INDArray x, NudgedRanges ranges, INDArray out) {
        return forwardPerChannel(x, ranges, CHANNEL_AXIS, out);
    }

    /**
     * Fake-quantizes {@code x} with one range per entry of {@code axis} (weights use axis 0 for
     * convolution kernels {@code [nOut, nIn, kH, kW]} and axis 1 for dense {@code [nIn, nOut]}).
     *
     * @param x the input; {@code x.size(axis) == ranges.channels()}
     * @param ranges nudged constants, one per channel
     * @param axis the channel axis
     * @param out receives the result; same shape as {@code x}, may not alias it
     * @return {@code out}
     */
    public static INDArray forwardPerChannel(INDArray x, NudgedRanges ranges, int axis, INDArray out) {
        gridIndexPerChannel(x, ranges, axis, out);
        // Zero-range channels have all-zero constants: floor(0.5) * 0 = 0 there.
        exec(new BroadcastMulOp(out, vector(ranges.scale(), x), out, axis));
        return out;
    }

    /**
     * The integer step of {@link #forwardPerChannel(INDArray, NudgedRanges, int, INDArray)}:
     * {@code floor((clamp(x) - nudgedMin) * invScale - quantZero + 0.5)}, that is {@code q -
     * zeroPoint} per channel (0 in zero-range channels).
     *
     * @param x the input; {@code x.size(axis) == ranges.channels()}
     * @param ranges nudged constants, one per channel
     * @param axis the channel axis
     * @param out receives the integers (as floats); same shape as {@code x}
     * @return {@code out}
     */
    public static INDArray gridIndexPerChannel(INDArray x, NudgedRanges ranges, int axis, INDArray out) {
        requireChannelAxis(x, ranges, axis);
        requireSameShape(x, out);
        INDArray nudgedMin = vector(ranges.nudgedMin(), x);
        exec(new BroadcastMin(x, vector(ranges.nudgedMax(), x), out, axis));
        exec(new BroadcastMax(out, nudgedMin, out, axis));
        exec(new BroadcastSubOp(out, nudgedMin, out, axis));
        exec(new BroadcastMulOp(out, vector(ranges.invScale(), x), out, axis));
        exec(new BroadcastSubOp(out, vector(ranges.quantZero(), x), out, axis));
        out.addi(0.5f);
        return Transforms.floor(out, false);
    }

    /**
     * TF's gradients for a per-tensor range.
     *
     * @param x the forward input; not modified
     * @param upstream dL/dy, same shape as {@code x}; not modified
     * @param ranges nudged constants with one channel
     * @param dx receives dL/dx; same shape as {@code x}
     * @return dL/dx (that is, {@code dx}) and the one-element dL/dmin and dL/dmax
     */
    public static RangeGradients backwardPerTensor(INDArray x, INDArray upstream, NudgedRanges ranges,
            INDArray dx) {
        requireChannels(ranges, 1);
        requireSameShape(x, upstream);
        requireSameShape(x, dx);
        ChannelSums sums = ChannelSums.backward(x, upstream, null, ranges, false, dx);
        return new RangeGradients(dx, sums.belowAsFloat(), sums.aboveAsFloat());
    }

    /**
     * TF's gradients for per-channel ranges (axis 1).
     *
     * @param x the forward input; not modified
     * @param upstream dL/dy, same shape as {@code x}; not modified
     * @param ranges nudged constants, one per channel
     * @param dx receives dL/dx; same shape as {@code x}
     * @return dL/dx (that is, {@code dx}) and per-channel dL/dmin and dL/dmax
     */
    public static RangeGradients backwardPerChannel(INDArray x, INDArray upstream, NudgedRanges ranges,
            INDArray dx) {
        requireChannelAxis(x, ranges);
        requireSameShape(x, upstream);
        requireSameShape(x, dx);
        ChannelSums sums = ChannelSums.backward(x, upstream, null, ranges, true, dx);
        return new RangeGradients(dx, sums.belowAsFloat(), sums.aboveAsFloat());
    }

    static INDArray vector(float[] values, INDArray like) {
        return Nd4j.createFromArray(values).castTo(like.dataType());
    }

    private static void exec(org.nd4j.linalg.api.ops.Op op) {
        Nd4j.getExecutioner().exec(op);
    }

    static void requireChannels(NudgedRanges ranges, int channels) {
        if (ranges.channels() != channels) {
            throw new IllegalArgumentException("per-tensor fake quantization needs one range, got "
                    + ranges.channels() + "; use the per-channel method for several");
        }
    }

    static void requireChannelAxis(INDArray x, NudgedRanges ranges) {
        requireChannelAxis(x, ranges, CHANNEL_AXIS);
    }

    static void requireChannelAxis(INDArray x, NudgedRanges ranges, int axis) {
        if (axis < 0 || x.rank() <= axis || x.size(axis) != ranges.channels()) {
            throw new IllegalArgumentException("input of shape " + java.util.Arrays.toString(x.shape())
                    + " has no axis " + axis + " of size " + ranges.channels()
                    + "; per-channel ranges need that axis to have one entry per channel");
        }
    }

    static void requireSameShape(INDArray a, INDArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("shapes " + java.util.Arrays.toString(a.shape())
                    + " and " + java.util.Arrays.toString(b.shape()) + " differ; they must be equal");
        }
    }
}
