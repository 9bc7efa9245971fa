package org.qat4j.examples.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.qat4j.layers.Qat;
import org.qat4j.layers.activation.FakeQuantLayerImpl;

/**
 * Records every fake-quant layer's learned range after every training step (the envelope over
 * channels for per-channel ranges), for the range charts of a report.
 */
public final class RangeRecorder extends BaseTrainingListener {

    /**
     * The range history of one fake-quant layer.
     *
     * @param layer the layer's name
     * @param steps the training step of each point (0: before training)
     * @param min the range minimum at each point
     * @param max the range maximum at each point
     */
    public record History(String layer, List<Integer> steps, List<Float> min, List<Float> max) {

        /** Copies the lists. */
        public History {
            steps = List.copyOf(steps);
            min = List.copyOf(min);
            max = List.copyOf(max);
        }
    }

    private final Map<String, List<float[]>> points = new LinkedHashMap<>();
    private final List<Integer> steps = new ArrayList<>();
    private int step;

    /**
     * Records the current ranges as the next point (call once before training for step 0).
     *
     * @param net a QAT network
     */
    public void record(MultiLayerNetwork net) {
        for (FakeQuantLayerImpl layer : Qat.fakeQuantLayers(net)) {
            float[] min = layer.rangeMin();
            float[] max = layer.rangeMax();
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < min.length; c++) {
                lo = Math.min(lo, min[c]);
                hi = Math.max(hi, max[c]);
            }
            String name = layer.conf().getLayer().getLayerName();
            points.computeIfAbsent(name, k -> new ArrayList<>()).add(new float[] {lo, hi});
        }
        steps.add(step++);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        record((MultiLayerNetwork) model);
    }

    /** @return one history per fake-quant layer, in network order */
    public List<History> histories() {
        List<History> out = new ArrayList<>();
        for (Map.Entry<String, List<float[]>> e : points.entrySet()) {
            List<Float> min = new ArrayList<>();
            List<Float> max = new ArrayList<>();
            for (float[] p : e.getValue()) {
                min.add(p[0]);
                max.add(p[1]);
            }
            out.add(new History(e.getKey(), steps.subList(0, e.getValue().size()), min, max));
        }
        return out;
    }
}
