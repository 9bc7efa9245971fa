package org.qat4j.layers.export;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.qat4j.core.format.IntegerModel;

/**
 * An exported model and, for debugging and parity checks, where each QAT layer's output lives in
 * its graph.
 *
 * @param model the integer model
 * @param layerTensors for each QAT-network layer whose output lies on an integer grid (every
 *     fake-quant layer, and max pooling, which keeps its input's grid), keyed by layer index, the
 *     name of the graph tensor holding the same values; read them with {@code
 *     Interpreter.runTraced} and the tensor's quantization
 */
public record ExportedModel(IntegerModel model, Map<Integer, String> layerTensors) {

    /** Copies the map into an unmodifiable sorted one. */
    public ExportedModel {
        layerTensors = Collections.unmodifiableMap(new TreeMap<>(layerTensors));
    }
}
