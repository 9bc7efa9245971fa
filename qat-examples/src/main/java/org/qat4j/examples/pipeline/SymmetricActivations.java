package org.qat4j.examples.pipeline;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.qat4j.layers.Qat;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.fakequant.QuantGrid;

/**
 * Symmetric activation quantization, as a projection applied after calibration and after every
 * training step: each learned range {@code [min, max]} becomes the range whose nudged zero point
 * is the middle of the grid (signed zero point 0), wide enough to hold {@code max(|min|, |max|)} on both sides.
 *
 * <p>On the grid {@code [qmin, qmax]} with {@code half = 2^(bits-1)}: step {@code s = m /
 * min(half - qmin, qmax - half)} with {@code m = max(|min|, |max|)}, then {@code min = -(half -
 * qmin) s} and {@code max = (qmax - half) s}. TF's nudge of that range yields zero point {@code
 * half} ({@code round(half)} of a value within float rounding of an integer), i.e. signed zero
 * point 0. After a ReLU half of the grid is then never used: the cost the study measures.
 */
public final class SymmetricActivations extends BaseTrainingListener {

    /**
     * Projects every fake-quant layer of the network onto symmetric ranges.
     *
     * @param net a QAT network whose ranges are set
     */
    public static void apply(MultiLayerNetwork net) {
        for (FakeQuantLayerImpl layer : Qat.fakeQuantLayers(net)) {
            float[] min = layer.rangeMin();
            float[] max = layer.rangeMax();
            if (isUnset(min, max)) {
                continue; // the observer has not seen data yet
            }
            QuantGrid grid = ((FakeQuantLayer) layer.conf().getLayer()).grid();
            symmetrize(min, max, grid);
            layer.setRange(min, max);
        }
    }

    /**
     * Makes each channel's range symmetric about the grid's middle, in place.
     *
     * @param min per-channel minima
     * @param max per-channel maxima
     * @param grid the fake-quant grid
     */
    public static void symmetrize(float[] min, float[] max, QuantGrid grid) {
        int half = 1 << (grid.numBits() - 1);
        int below = half - grid.quantMin();
        int above = grid.quantMax() - half;
        for (int c = 0; c < min.length; c++) {
            double m = Math.max(Math.abs((double) min[c]), Math.abs((double) max[c]));
            double step = m / Math.min(below, above);
            min[c] = (float) (-below * step);
            max[c] = (float) (above * step);
        }
    }

    private static boolean isUnset(float[] min, float[] max) {
        for (int c = 0; c < min.length; c++) {
            if (min[c] != 0f || max[c] != 0f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        apply((MultiLayerNetwork) model);
    }
}
