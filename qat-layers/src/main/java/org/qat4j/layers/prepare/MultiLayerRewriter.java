package org.qat4j.layers.prepare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.qat4j.layers.ActivationQuantSpec;
import org.qat4j.layers.LayerPolicy;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.fold.BatchNormFolding;
import org.qat4j.layers.weight.WeightFakeQuant;
import org.qat4j.layers.weight.WeightQuantizer;

/**
 * Rewrites a float {@link MultiLayerNetwork} into its QAT twin, walking the layers in order.
 *
 * <p>Rules (see {@link LayerRole}): a fake-quant layer goes before every quantized weighted layer
 * whose input is not already quantized (so the network input is quantized), and after every
 * weighted layer's fused activation. A batch norm right after a weighted layer with identity
 * activation is folded into it, and an activation layer right after (ReLU, ReLU6 or identity) is
 * fused into it: conv + BN + ReLU becomes one folded conv with ReLU and one quantizer. A
 * non-fusable activation (tanh, ...) is split off into an activation layer with quantizers before
 * and after it. An output layer becomes dense (identity) + quantizer on the logits + loss layer
 * with the output activation. Skipped layers stay float. Parameters are copied (or folded), never
 * shared; updater state is not copied.
 */
public final class MultiLayerRewriter {

    private final MultiLayerNetwork floatNet;
    private final MultiLayerConfiguration source;
    private final QatConfig config;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>();

    /** One layer of the QAT network and where its parameters come from. */
    private record Entry(NeuralNetConfiguration conf, InputPreProcessor preProcessor, int copyFrom,
            BatchNormFolding.Folded folded) {
    }

    private MultiLayerRewriter(MultiLayerNetwork floatNet, QatConfig config) {
        this.floatNet = floatNet;
        this.source = floatNet.getLayerWiseConfigurations();
        this.config = config;
    }

    /**
     * @param floatNet an initialized float network; not modified
     * @param config the QAT policy
     * @return a new, initialized QAT network with the float parameters copied in
     */
    public static MultiLayerNetwork prepare(MultiLayerNetwork floatNet, QatConfig config) {
        return new MultiLayerRewriter(floatNet, config).rewrite();
    }

    private MultiLayerNetwork rewrite() {
        int n = source.getConfs().size();
        checkOverrides(n);
        for (int k = 0; k < n; k++) {
            usedNames.add(nameOf(k));
        }
        boolean inputQuantized = false;
        int i = 0;
        while (i < n) {
            Layer layer = source.getConf(i).getLayer();
            LayerPolicy policy = policy(i);
            InputPreProcessor pre = source.getInputPreProcess(i);
            LayerRole role = LayerRole.of(layer);
            if (policy.skip()) {
                copy(i, pre);
                inputQuantized = false;
                i++;
                continue;
            }
            switch (role) {
                case WEIGHTED, OUTPUT -> {
                    if (!inputQuantized) {
                        // The layer's preprocessor (a reshape) moves to the quantizer in front of it.
                        addQuantizer(i, pre, policy.activation(), nameOf(i) + "_in_fq", 0);
                        pre = null;
                    }
                    i = role == LayerRole.OUTPUT ? addOutput(i, pre, policy) : addWeighted(i, pre, policy);
                    inputQuantized = true;
                    continue;
                }
                case ACTIVATION, REQUANTIZING -> {
                    copy(i, pre);
                    addQuantizer(i, null, policy.activation(), nameOf(i) + "_fq", 0);
                    inputQuantized = true;
                }
                case GRID_PRESERVING, LOSS -> copy(i, pre);
                case BATCH_NORM -> throw new IllegalArgumentException(describe(i) + " does not directly follow a "
                        + "DenseLayer or ConvolutionLayer with identity activation, so it cannot be folded"
                        + (config.foldBatchNorm() ? "" : " (folding is switched off in QatConfig)")
                        + "; move it after such a layer or skip it with LayerOverride.skipLayer()");
                case FAKE_QUANT -> throw new IllegalArgumentException(describe(i)
                        + " is already a FakeQuantLayer: the network was prepared before; pass the float network");
                default -> throw new IllegalArgumentException(describe(i) + " is a " + layer.getClass().getSimpleName()
                        + ", which Qat.prepare does not support (supported: DenseLayer, OutputLayer, ConvolutionLayer, "
                        + "BatchNormalization after them, ActivationLayer, SubsamplingLayer, GlobalPoolingLayer, "
                        + "DropoutLayer, ZeroPaddingLayer, LossLayer); skip it with LayerOverride.skipLayer()");
            }
            i++;
        }
        return build();
    }

    /** Adds a dense or convolution layer with its folded batch norm and fused activation. */
    private int addWeighted(int i, InputPreProcessor pre, LayerPolicy policy) {
        FeedForwardLayer layer = (FeedForwardLayer) source.getConf(i).getLayer().clone();
        checkNoWeightNoise(i, layer);
        if (layer instanceof DenseLayer d && d.hasLayerNorm()) {
            throw new IllegalArgumentException(describe(i) + " uses layer normalization, which has no integer "
                    + "equivalent here; remove it or skip the layer");
        }
        int next = i + 1;
        IActivation activation = layer.getActivationFn();
        BatchNormFolding.Folded folded = null;
        if (config.foldBatchNorm() && LayerRole.isIdentity(activation) && isFoldableNext(next)) {
            folded = fold(i, next);
            // DL4J's batch norm applies no activation (its configured one, usually the inherited
            // global default, is ignored), so the folded layer keeps the identity.
            next++;
            if (layer instanceof ConvolutionLayer c) {
                c.setHasBias(true);
            } else {
                ((DenseLayer) layer).setHasBias(true);
            }
        }
        if (LayerRole.isIdentity(activation) && next < source.getConfs().size()
                && source.getConf(next).getLayer() instanceof ActivationLayer act
                && LayerRole.of(act) == LayerRole.ACTIVATION && LayerRole.isFusable(act.getActivationFn())
                && source.getInputPreProcess(next) == null && !policy(next).skip()) {
            activation = act.getActivationFn();
            next++;
        }
        boolean fusable = LayerRole.isFusable(activation);
        layer.setActivationFn(fusable && activation != null ? activation : new ActivationIdentity());
        layer.setWeightNoise(new WeightFakeQuant(policy.weight()));
        layer.setLayerName(nameOf(i));
        entries.add(new Entry(withLayer(i, layer), pre, folded == null ? i : -1, folded));
        addQuantizer(i, null, policy.activation(), nameOf(i) + "_fq", layer.getNOut());
        if (!fusable) {
            ActivationLayer split = new ActivationLayer.Builder().activation(activation)
                    .name(unique(nameOf(i) + "_act")).build();
            entries.add(new Entry(withLayer(i, split), null, -1, null));
            addQuantizer(i, null, policy.activation(), nameOf(i) + "_act_fq", 0);
        }
        return next;
    }

    /** Splits an output layer into dense (identity) + quantizer on the logits + loss layer. */
    private int addOutput(int i, InputPreProcessor pre, LayerPolicy policy) {
        OutputLayer out = (OutputLayer) source.getConf(i).getLayer();
        checkNoWeightNoise(i, out);
        DenseLayer dense = new DenseLayer.Builder().nIn(out.getNIn()).nOut(out.getNOut()).hasBias(out.hasBias())
                .activation(new ActivationIdentity()).build();
        copyBaseSettings(out, dense);
        dense.setLayerName(nameOf(i));
        dense.setWeightNoise(new WeightFakeQuant(policy.weight()));
        entries.add(new Entry(withLayer(i, dense), pre, i, null));
        addQuantizer(i, null, policy.activation(), nameOf(i) + "_fq", out.getNOut());
        String lossName = unique(nameOf(i) + "_loss");
        LossLayer loss = new LossLayer.Builder(out.getLossFn()).activation(out.getActivationFn())
                .build();
        copyBaseSettings(out, loss);
        loss.setLayerName(lossName);
        entries.add(new Entry(withLayer(i, loss), null, -1, null));
        return i + 1;
    }

    private void addQuantizer(int near, InputPreProcessor pre, ActivationQuantSpec spec, String name, long channels) {
        FakeQuantLayer fq = spec.toLayer(unique(name), channels);
        Layer neighbour = source.getConf(near).getLayer();
        IUpdater updater = config.rangeUpdater();
        if (updater == null) {
            updater = firstUpdater(near);
        }
        fq.setIUpdater(updater);
        fq.setBiasUpdater(neighbour instanceof BaseLayer b && b.getBiasUpdater() != null && config.rangeUpdater() == null
                ? b.getBiasUpdater().clone() : null);
        fq.setActivationFn(new ActivationIdentity());
        fq.setRegularization(new ArrayList<>());
        fq.setRegularizationBias(new ArrayList<>());
        if (neighbour instanceof BaseLayer b) {
            fq.setGradientNormalization(b.getGradientNormalization());
            fq.setGradientNormalizationThreshold(b.getGradientNormalizationThreshold());
            fq.setWeightInitFn(b.getWeightInitFn());
        }
        entries.add(new Entry(withLayer(near, fq), pre, -1, null));
    }

    private IUpdater firstUpdater(int near) {
        for (int k = near; k >= 0; k--) {
            if (source.getConf(k).getLayer() instanceof BaseLayer b && b.getIUpdater() != null) {
                return b.getIUpdater().clone();
            }
        }
        for (NeuralNetConfiguration c : source.getConfs()) {
            if (c.getLayer() instanceof BaseLayer b && b.getIUpdater() != null) {
                return b.getIUpdater().clone();
            }
        }
        throw new IllegalArgumentException("the float network has no layer with an updater; give "
                + "QatConfig.builder().rangeUpdater(...)");
    }

    private boolean isFoldableNext(int next) {
        return next < source.getConfs().size() && source.getConf(next).getLayer() instanceof BatchNormalization
                && LayerRole.of(source.getConf(next).getLayer()) == LayerRole.BATCH_NORM
                && source.getInputPreProcess(next) == null && !policy(next).skip();
    }

    private BatchNormFolding.Folded fold(int weighted, int bn) {
        org.deeplearning4j.nn.api.Layer layer = floatNet.getLayer(weighted);
        Layer conf = layer.conf().getLayer();
        INDArray bias = layer.paramTable().get("b");
        return BatchNormFolding.fold(layer.getParam(WeightFakeQuant.WEIGHT_KEY), bias,
                BatchNormFolding.BatchNormStats.of(floatNet.getLayer(bn)), WeightQuantizer.channelAxisOf(conf));
    }

    private void copy(int i, InputPreProcessor pre) {
        Layer layer = source.getConf(i).getLayer().clone();
        layer.setLayerName(nameOf(i));
        entries.add(new Entry(withLayer(i, layer), pre, i, null));
    }

    private NeuralNetConfiguration withLayer(int near, Layer layer) {
        NeuralNetConfiguration c = source.getConf(near).clone();
        c.setLayer(layer);
        c.clearVariables();
        return c;
    }

    private MultiLayerNetwork build() {
        MultiLayerConfiguration conf = source.clone();
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> pre = new HashMap<>();
        for (int k = 0; k < entries.size(); k++) {
            confs.add(entries.get(k).conf());
            if (entries.get(k).preProcessor() != null) {
                pre.put(k, entries.get(k).preProcessor().clone());
            }
        }
        conf.setConfs(confs);
        conf.setInputPreProcessors(pre);
        MultiLayerNetwork qat = new MultiLayerNetwork(conf);
        qat.init();
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            org.deeplearning4j.nn.api.Layer target = qat.getLayer(k);
            if (e.folded() != null) {
                target.setParam("W", e.folded().weights());
                target.setParam("b", e.folded().bias());
            } else if (e.copyFrom() >= 0) {
                for (Map.Entry<String, INDArray> p : floatNet.getLayer(e.copyFrom()).paramTable().entrySet()) {
                    target.setParam(p.getKey(), p.getValue().dup());
                }
            }
        }
        return qat;
    }

    private static void copyBaseSettings(BaseLayer from, BaseLayer to) {
        to.setWeightInitFn(from.getWeightInitFn());
        to.setBiasInit(from.getBiasInit());
        to.setGainInit(from.getGainInit());
        to.setRegularization(from.getRegularization() == null ? new ArrayList<>() : new ArrayList<>(from.getRegularization()));
        to.setRegularizationBias(from.getRegularizationBias() == null ? new ArrayList<>()
                : new ArrayList<>(from.getRegularizationBias()));
        to.setIUpdater(from.getIUpdater() == null ? null : from.getIUpdater().clone());
        to.setBiasUpdater(from.getBiasUpdater() == null ? null : from.getBiasUpdater().clone());
        to.setGradientNormalization(from.getGradientNormalization());
        to.setGradientNormalizationThreshold(from.getGradientNormalizationThreshold());
        to.setIDropout(from.getIDropout() == null ? null : from.getIDropout().clone());
        to.setConstraints(from.getConstraints());
    }

    private void checkNoWeightNoise(int i, BaseLayer layer) {
        if (layer.getWeightNoise() != null && !(layer.getWeightNoise() instanceof WeightFakeQuant)) {
            throw new IllegalArgumentException(describe(i) + " already has weight noise " + layer.getWeightNoise()
                    + "; weight fake quantization uses the same hook: remove it");
        }
    }

    private void checkOverrides(int n) {
        for (int index : config.overridesByIndex().keySet()) {
            if (index >= n) {
                throw new IllegalArgumentException("QatConfig overrides layer " + index + " but the network has " + n
                        + " layers (0 to " + (n - 1) + "); fix the index");
            }
        }
        Set<String> names = new HashSet<>();
        for (NeuralNetConfiguration c : source.getConfs()) {
            names.add(c.getLayer().getLayerName());
        }
        for (String name : config.overridesByName().keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("QatConfig overrides layer '" + name
                        + "' but the network has no layer of that name; names are " + names);
            }
        }
    }

    private LayerPolicy policy(int i) {
        return config.policyFor(i, source.getConf(i).getLayer().getLayerName());
    }

    private String nameOf(int i) {
        String name = source.getConf(i).getLayer().getLayerName();
        return name != null ? name : "layer" + i;
    }

    private String describe(int i) {
        return "layer " + i + " '" + nameOf(i) + "'";
    }

    private String unique(String name) {
        String candidate = name;
        for (int k = 2; usedNames.contains(candidate); k++) {
            candidate = name + "_" + k;
        }
        usedNames.add(candidate);
        return candidate;
    }
}
