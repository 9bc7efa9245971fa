package org.qat4j.layers.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.activation.FakeQuantLayer;
import org.qat4j.layers.activation.FakeQuantLayerImpl;
import org.qat4j.layers.weight.WeightFakeQuant;

/**
 * Gradient checks for the parts of a QAT network that are differentiable.
 *
 * <p>Fake quantization is piecewise constant, so finite differences only test it where it is
 * smooth: outside the range with a one-sided range, where the output is the nudged end itself.
 * For {@code [0, max]} the zero point is the bottom of the grid and {@code nudgedMax = max} (up to
 * float rounding), so dL/dmax = sum of g above the range, TF's gradient. Symmetrically for {@code
 * [min, 0]} and dL/dmin. Everything else the straight-through estimator defines on purpose (the
 * in-range input gradient, the weights), and the tests leave it out: in particular dL/dmin at
 * {@code min = 0} is not TF's 0 but -dL/dmax, because the nudge slides the range.
 */
class GradientCheckTest {

    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void dl4jGradientCheckPassesForRangesAndBiasesAroundQuantizedWeights() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(new FakeQuantLayer.Builder().initialRange(0, 2).observerBatches(0).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH)
                        .weightNoise(new WeightFakeQuant()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(3)
                        .activation(Activation.IDENTITY).weightNoise(new WeightFakeQuant()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Inputs are 0 (exactly representable, constant output) or clipped above max = 2.
        Random rnd = new Random(13);
        double[][] x = new double[8][6];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextBoolean() ? 0 : 2.5 + rnd.nextDouble() * 2;
            }
        }
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 8, 3);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(Nd4j.createFromArray(x)).labels(labels).epsilon(1e-3).maxRelError(1e-3).minAbsoluteError(1e-8)
                .excludeParams(Set.of("0_min", "1_W", "2_W")));
        assertTrue(ok, "gradient check of 0_max, 1_b and 2_b");
        // TF's dL/dmin (0 here: no input below 0) is not the derivative at min = 0, where the
        // nudge slides the range; the check must see that.
        boolean withMin = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(Nd4j.createFromArray(x)).labels(labels).epsilon(1e-3).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).excludeParams(Set.of("1_W", "2_W")));
        assertTrue(!withMin, "dL/dmin at min = 0 is excluded for a reason");
    }

    @Test
    void rangeGradientsMatchFiniteDifferencesOnOneSidedPerChannelRanges() {
        // Channel 0: [0, 1.5], inputs above it or at 0. Channel 1: [-2, 0], inputs below it or at 0.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(14).list()
                .layer(new FakeQuantLayer.Builder().perChannel(2).observerBatches(0).initialRange(-1, 1).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        FakeQuantLayerImpl fq = (FakeQuantLayerImpl) net.getLayer(0);
        float[] min = {0f, -2f};
        float[] max = {1.5f, 0f};
        Random rnd = new Random(15);
        float[] xs = new float[3 * 2 * 4 * 4];
        for (int i = 0; i < xs.length; i++) {
            int c = (i / 16) % 2;
            float outside = 2f + 3 * rnd.nextFloat();
            xs[i] = rnd.nextInt(3) == 0 ? 0f : c == 0 ? outside : -outside;
        }
        INDArray x = Nd4j.createFromArray(xs).reshape(3, 2, 4, 4);
        INDArray w = org.qat4j.layers.TestArrays.gaussian(16, 3, 2, 4, 4);

        fq.setRange(min, max);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        fq.setInput(x, mgr);
        fq.activate(true, mgr);
        Pair<Gradient, INDArray> analytic = fq.backpropGradient(w, mgr);
        float[] dMin = analytic.getFirst().getGradientFor("min").toFloatVector();
        float[] dMax = analytic.getFirst().getGradientFor("max").toFloatVector();

        double h = 1e-2;
        assertEquals(numeric(fq, x, w, min, max, 0, false, h), dMax[0], 1e-4 * (1 + Math.abs(dMax[0])), "dL/dmax c0");
        assertEquals(numeric(fq, x, w, min, max, 1, true, h), dMin[1], 1e-4 * (1 + Math.abs(dMin[1])), "dL/dmin c1");
        assertTrue(Math.abs(dMax[0]) > 1, "the data reaches above channel 0's range");
        // Clipped inputs have no input gradient, and none is measured either.
        float[] dx = analytic.getSecond().data().asFloat();
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] != 0f) {
                assertEquals(0f, Math.abs(dx[i]), 0f, "clipped input " + i);
            }
        }
    }

    /** Central difference of L = sum(w * y) with respect to one range end of one channel. */
    private static double numeric(FakeQuantLayerImpl fq, INDArray x, INDArray w, float[] min, float[] max, int channel,
            boolean ofMin, double h) {
        double[] values = new double[2];
        for (int s = 0; s < 2; s++) {
            float[] lo = min.clone();
            float[] hi = max.clone();
            float delta = (float) (s == 0 ? h : -h);
            if (ofMin) {
                lo[channel] += delta;
            } else {
                hi[channel] += delta;
            }
            fq.setRange(lo, hi);
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            fq.setInput(x, mgr);
            values[s] = fq.activate(false, mgr).castTo(DataType.DOUBLE).mul(w.castTo(DataType.DOUBLE)).sumNumber()
                    .doubleValue();
        }
        fq.setRange(min, max);
        return (values[0] - values[1]) / (2 * h);
    }
}
