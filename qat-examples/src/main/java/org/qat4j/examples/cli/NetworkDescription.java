package org.qat4j.examples.cli;

import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.quant.NudgedRange;
import org.qat4j.core.quant.QuantParams;
import org.qat4j.examples.report.TextTable;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.export.ActivationQuantInfo;
import org.qat4j.layers.weight.WeightFakeQuant;

/** The text {@code qat4j inspect} prints for a DL4J network: one row per layer. */
final class NetworkDescription {

    private NetworkDescription() {
    }

    /** @return the description, several lines */
    static String describe(MultiLayerNetwork net) {
        boolean qat = !org.qat4j.layers.Qat.fakeQuantLayers(net).isEmpty();
        StringBuilder sb = new StringBuilder();
        sb.append(qat ? "QAT" : "float").append(" DL4J network, ").append(net.getnLayers()).append(" layers, ")
                .append(String.format(Locale.ROOT, "%,d", net.numParams())).append(" parameters\n");
        TextTable t = new TextTable("#", "layer", "name", "in -> out", "params", "activation", "quantization")
                .leftAligned();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            String io = conf instanceof FeedForwardLayer f ? f.getNIn() + " -> " + f.getNOut() : "";
            String activation = conf instanceof BaseLayer b && b.getActivationFn() != null && !(conf instanceof FakeQuantLayer)
                    ? b.getActivationFn().toString() : "";
            String quant = "";
            if (layer instanceof FakeQuantLayerImpl fq) {
                quant = fakeQuant(i, fq, (FakeQuantLayer) conf);
            } else if (conf instanceof BaseLayer b && b.getWeightNoise() instanceof WeightFakeQuant w) {
                quant = String.format(Locale.ROOT, "weights %d-bit %s %s%s", w.getNumBits(),
                        w.isSymmetric() ? "symmetric" : "asymmetric", w.isPerChannel() ? "per channel" : "per tensor",
                        w.isNarrowRange() ? ", narrow range" : "");
            }
            t.row(Integer.toString(i), conf.getClass().getSimpleName(), String.valueOf(conf.getLayerName()), io,
                    String.format(Locale.ROOT, "%,d", layer.numParams()), activation, quant);
        }
        sb.append(t.toText());
        return sb.toString();
    }

    private static String fakeQuant(int index, FakeQuantLayerImpl layer, FakeQuantLayer conf) {
        float[] min = layer.rangeMin();
        float[] max = layer.rangeMax();
        String head = String.format(Locale.ROOT, "activations %d-bit%s%s", conf.getNumBits(),
                conf.isNarrowRange() ? " narrow" : "", conf.isPerChannel() ? " per channel (" + min.length + ")" : "");
        boolean unset = true;
        for (int c = 0; c < min.length; c++) {
            unset &= min[c] == 0f && max[c] == 0f;
        }
        if (unset) {
            return head + ", range not set (calibrate or train)";
        }
        ActivationQuantInfo info = new ActivationQuantInfo(index, conf.getLayerName(), min, max, conf.getNumBits(),
                conf.isNarrowRange(), conf.isPerChannel());
        if (min.length != 1) {
            return head + String.format(Locale.ROOT, ", ch0 range [%.4g, %.4g]", min[0], max[0]);
        }
        NudgedRange r = info.nudgedRange(0);
        QuantParams p = info.storageParams(0);
        return head + String.format(Locale.ROOT, ", range [%.4g, %.4g], nudged [%.4g, %.4g], scale %.4g, zero point %d",
                min[0], max[0], r.min(), r.max(), p.scale(), p.zeroPoint());
    }
}
