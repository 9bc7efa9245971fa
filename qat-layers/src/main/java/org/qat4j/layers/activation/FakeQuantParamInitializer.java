package org.qat4j.layers.activation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of a {@link FakeQuantLayer}: {@code min} then {@code max}, each {@code [1, C]} with
 * {@code C} the channel count (1 per tensor). Both are bias-like: they are not weights, so
 * weight regularization skips them and a configured bias updater trains them.
 */
public final class FakeQuantParamInitializer implements ParamInitializer {

    /** Key of the per-channel minima. */
    public static final String MIN_KEY = "min";
    /** Key of the per-channel maxima. */
    public static final String MAX_KEY = "max";

    private static final FakeQuantParamInitializer INSTANCE = new FakeQuantParamInitializer();
    private static final List<String> KEYS = List.of(MIN_KEY, MAX_KEY);

    private FakeQuantParamInitializer() {
    }

    /** @return the shared, stateless instance */
    public static FakeQuantParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * channels(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return KEYS.contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initialize) {
        FakeQuantLayer layer = (FakeQuantLayer) conf.getLayer();
        Map<String, INDArray> params = views(layer, paramsView);
        if (initialize) {
            params.get(MIN_KEY).assign(layer.getInitialMin());
            params.get(MAX_KEY).assign(layer.getInitialMax());
        }
        conf.addVariable(MIN_KEY);
        conf.addVariable(MAX_KEY);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(Layer layer, INDArray flat) {
        long c = channels(layer);
        if (flat.length() != 2 * c) {
            throw new IllegalStateException("expected " + (2 * c) + " fake-quant parameters, got a view of "
                    + flat.length());
        }
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(MIN_KEY, slice(flat, 0, c));
        out.put(MAX_KEY, slice(flat, c, 2 * c));
        return out;
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        INDArrayIndex range = NDArrayIndex.interval(from, to);
        if (flat.rank() == 1) {
            return flat.get(range).reshape(1, to - from);
        }
        return flat.get(NDArrayIndex.interval(0, 0, true), range);
    }

    private static long channels(Layer layer) {
        return ((FakeQuantLayer) layer).getNumChannels();
    }
}
