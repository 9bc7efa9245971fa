package org.qat4j.layers.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.weight.QuantizedWeights;
import org.qat4j.layers.weight.WeightFakeQuant;
import org.qat4j.layers.weight.WeightQuantizer;

/**
 * What the int8 exporter reads from a QAT network: every layer in order, with the exact float
 * parameters, integer weights and activation ranges the training forward uses.
 */
public final class QatExport {

    private QatExport() {
    }

    /**
     * The network's layers and preprocessors, in order.
     *
     * @param layers one entry per QAT-network layer
     * @param preProcessors DL4J input preprocessors (reshapes) by layer index
     */
    public record Description(List<QatLayerInfo> layers, Map<Integer, InputPreProcessor> preProcessors) {

        /** Copies into unmodifiable collections. */
        public Description {
            layers = List.copyOf(layers);
            preProcessors = Collections.unmodifiableMap(new TreeMap<>(preProcessors));
        }
    }

    /**
     * Describes a QAT network (from {@code Qat.prepare}, trained or calibrated).
     *
     * @param qatNet the network; not modified
     * @return one {@link QatLayerInfo} per layer
     * @throws IllegalStateException if a fake-quant layer has no range yet
     */
    public static Description describe(MultiLayerNetwork qatNet) {
        List<QatLayerInfo> out = new ArrayList<>();
        for (int i = 0; i < qatNet.getnLayers(); i++) {
            Layer layer = qatNet.getLayer(i);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            String name = conf.getLayerName();
            if (layer instanceof FakeQuantLayerImpl fq) {
                FakeQuantLayer c = (FakeQuantLayer) conf;
                float[] min = fq.rangeMin();
                float[] max = fq.rangeMax();
                ActivationQuantInfo info = new ActivationQuantInfo(i, name, min, max, c.getNumBits(), c.isNarrowRange(),
                        c.isPerChannel());
                if (isUnset(min, max)) {
                    throw new IllegalStateException(c.describe(i) + " has no range yet; calibrate or train first");
                }
                out.add(info);
            } else if (conf instanceof BaseLayer b && b.getWeightNoise() instanceof WeightFakeQuant wfq) {
                out.add(weighted(i, name, layer, b, wfq));
            } else {
                out.add(new FloatLayerInfo(i, name, conf.clone()));
            }
        }
        Map<Integer, InputPreProcessor> pre = qatNet.getLayerWiseConfigurations().getInputPreProcessors();
        return new Description(out, pre == null ? Map.of() : pre);
    }

    private static WeightedLayerInfo weighted(int i, String name, Layer layer, BaseLayer conf, WeightFakeQuant wfq) {
        int axis = WeightQuantizer.channelAxisOf(conf);
        INDArray w = layer.getParam(WeightFakeQuant.WEIGHT_KEY);
        QuantizedWeights q = WeightQuantizer.quantize(w, wfq.spec(), axis);
        INDArray b = layer.paramTable().get("b");
        float[] bias = b == null ? null : b.dup().castTo(DataType.FLOAT).toFloatVector();
        WeightedLayerInfo.Kind kind = conf instanceof ConvolutionLayer ? WeightedLayerInfo.Kind.CONVOLUTION
                : WeightedLayerInfo.Kind.DENSE;
        return new WeightedLayerInfo(i, name, kind, conf.clone(), w.shape(),
                w.dup('c').castTo(DataType.FLOAT).data().asFloat(), bias, wfq.spec(), q, conf.getActivationFn());
    }

    private static boolean isUnset(float[] min, float[] max) {
        for (int c = 0; c < min.length; c++) {
            if (min[c] != 0f || max[c] != 0f) {
                return false;
            }
        }
        return true;
    }
}
