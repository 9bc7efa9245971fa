package org.qat4j.layers;

import java.util.Objects;
import java.util.function.Supplier;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.RangeGradient;
import org.qat4j.layers.fakequant.QuantGrid;
import org.qat4j.layers.observe.MovingAverageMinMaxObserver;
import org.qat4j.layers.observe.RangeObserver;

/**
 * How activations are fake-quantized: the settings of every inserted
 * {@link FakeQuantLayer}.
 *
 * @param numBits bits per activation, 2 to 16
 * @param narrowRange exclude the lowest grid level
 * @param perChannel one range per channel (axis 1) where the channel count is known (after dense
 *     and convolution layers); elsewhere per tensor
 * @param rangeGradient how ranges are trained
 * @param observer makes a fresh observer for each layer (a factory, so layers never share state)
 * @param observerBatches training batches the observer runs before the range is learned
 * @param minRangeWidth smallest range width kept after updates
 */
public record ActivationQuantSpec(int numBits, boolean narrowRange, boolean perChannel, RangeGradient rangeGradient,
        Supplier<? extends RangeObserver> observer, int observerBatches, double minRangeWidth) {

    /** Validates every setting. */
    public ActivationQuantSpec {
        if (numBits < QuantGrid.MIN_BITS || numBits > QuantGrid.MAX_BITS) {
            throw new IllegalArgumentException("activation numBits " + numBits + " is outside ["
                    + QuantGrid.MIN_BITS + ", " + QuantGrid.MAX_BITS + "]; use 8 for int8");
        }
        Objects.requireNonNull(rangeGradient, "rangeGradient is null; use RangeGradient.TF");
        Objects.requireNonNull(observer, "observer factory is null; use MovingAverageMinMaxObserver::new");
        if (observerBatches < 0) {
            throw new IllegalArgumentException("observerBatches " + observerBatches + " is negative; use 0 or more");
        }
        if (!(minRangeWidth > 0) || Double.isInfinite(minRangeWidth)) {
            throw new IllegalArgumentException("minRangeWidth " + minRangeWidth + " is not a positive finite number; use "
                    + FakeQuantLayer.DEFAULT_MIN_RANGE_WIDTH);
        }
    }

    /**
     * @return TFLite's activation scheme: 8 bits, 256 levels (int8 [-128, 127] after the shift),
     *     per tensor, TF gradients, moving-average observer over the first
     *     {@value FakeQuantLayer#DEFAULT_OBSERVER_BATCHES} batches
     */
    public static ActivationQuantSpec int8PerTensor() {
        return new ActivationQuantSpec(8, false, false, RangeGradient.TF, MovingAverageMinMaxObserver::new,
                FakeQuantLayer.DEFAULT_OBSERVER_BATCHES, FakeQuantLayer.DEFAULT_MIN_RANGE_WIDTH);
    }

    /**
     * @param bits new bit width
     * @return this spec with another bit width
     */
    public ActivationQuantSpec withBits(int bits) {
        return new ActivationQuantSpec(bits, narrowRange, perChannel, rangeGradient, observer, observerBatches,
                minRangeWidth);
    }

    /**
     * @param perChannelRanges whether ranges are per channel
     * @return this spec with that granularity
     */
    public ActivationQuantSpec withPerChannel(boolean perChannelRanges) {
        return new ActivationQuantSpec(numBits, narrowRange, perChannelRanges, rangeGradient, observer,
                observerBatches, minRangeWidth);
    }

    /**
     * @param gradient the range gradient
     * @return this spec with that range gradient
     */
    public ActivationQuantSpec withRangeGradient(RangeGradient gradient) {
        return new ActivationQuantSpec(numBits, narrowRange, perChannel, gradient, observer, observerBatches,
                minRangeWidth);
    }

    /**
     * @param factory makes one observer per layer
     * @param batches training batches each observer runs
     * @return this spec with that observer policy
     */
    public ActivationQuantSpec withObserver(Supplier<? extends RangeObserver> factory, int batches) {
        return new ActivationQuantSpec(numBits, narrowRange, perChannel, rangeGradient, factory, batches,
                minRangeWidth);
    }

    /**
     * Builds the layer configuration for these settings.
     *
     * @param name the layer name
     * @param channels the channel count for per-channel ranges, or 0 if unknown (then per tensor)
     * @return a new fake-quant layer configuration (updater not yet set)
     */
    public FakeQuantLayer toLayer(String name, long channels) {
        FakeQuantLayer.Builder b = new FakeQuantLayer.Builder().name(name).numBits(numBits).narrowRange(narrowRange)
                .rangeGradient(rangeGradient).observer(Objects.requireNonNull(observer.get(), "observer factory returned null"))
                .observerBatches(observerBatches).minRangeWidth(minRangeWidth);
        if (perChannel && channels > 0) {
            b.perChannel(channels);
        }
        return b.build();
    }
}
