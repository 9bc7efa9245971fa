package org.qat4j.layers.fold;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Folds an inference-mode batch normalization into the convolution or dense layer before it.
 *
 * <p>DL4J's inference batch norm is {@code y = gamma * (x - mean) / std + beta} per channel, with
 * {@code std = sqrt(var + eps)}; a layer that stores {@code log10stdev} (the default) has {@code
 * var = 10^(2 * log10stdev)} (checked against DL4J's own forward in the tests). The batch norm's
 * configured activation is not applied by DL4J and is ignored here too. With {@code f = gamma /
 * std}:
 * <pre>
 *   W'[.., c, ..] = W[.., c, ..] * f[c]          (c on the output-channel axis)
 *   b'[c]         = beta[c] + (b[c] - mean[c]) * f[c]      (b = 0 when the layer has no bias)
 * </pre>
 * Each value is computed in double from the float32 parameters and rounded to float32 once
 * (round half to even). The folded layer computes the same function up to that rounding; during
 * QAT its weights are then fake-quantized as folded, so the exporter's integers are exactly what
 * training used.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /**
     * Per-channel inference constants of a batch normalization.
     *
     * @param gamma scale
     * @param beta shift
     * @param mean running mean
     * @param std {@code sqrt(var + eps)}, as the inference forward divides by it
     */
    public record BatchNormStats(double[] gamma, double[] beta, double[] mean, double[] std) {

        /** Checks lengths and copies. */
        public BatchNormStats {
            int n = gamma.length;
            if (beta.length != n || mean.length != n || std.length != n) {
                throw new IllegalArgumentException("batch-norm statistics of different lengths: " + n + ", "
                        + beta.length + ", " + mean.length + ", " + std.length);
            }
            gamma = gamma.clone();
            beta = beta.clone();
            mean = mean.clone();
            std = std.clone();
        }

        /**
         * Reads a DL4J batch-normalization layer.
         *
         * @param layer an initialized {@code BatchNormalization} layer
         * @return its inference constants
         */
        public static BatchNormStats of(Layer layer) {
            BatchNormalization conf = (BatchNormalization) layer.conf().getLayer();
            double[] mean = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
            int n = mean.length;
            double[] gamma = new double[n];
            double[] beta = new double[n];
            if (conf.isLockGammaBeta()) {
                java.util.Arrays.fill(gamma, conf.getGamma());
                java.util.Arrays.fill(beta, conf.getBeta());
            } else {
                gamma = values(layer.getParam(BatchNormalizationParamInitializer.GAMMA));
                beta = values(layer.getParam(BatchNormalizationParamInitializer.BETA));
            }
            double[] std = new double[n];
            if (conf.isUseLogStd()) {
                double[] log10Std = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
                for (int c = 0; c < n; c++) {
                    // DL4J's inference turns the stored log std back into a variance and adds eps.
                    std[c] = Math.sqrt(Math.pow(10, 2 * log10Std[c]) + conf.getEps());
                }
            } else {
                double[] var = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
                for (int c = 0; c < n; c++) {
                    std[c] = Math.sqrt(var[c] + conf.getEps());
                }
            }
            return new BatchNormStats(gamma, beta, mean, std);
        }

        private static double[] values(INDArray a) {
            return a.dup().castTo(DataType.DOUBLE).toDoubleVector();
        }
    }

    /**
     * Folded weights and bias.
     *
     * @param weights {@code W'}, same shape and order as the input weights
     * @param bias {@code b'}, shape {@code [1, C]}
     */
    public record Folded(INDArray weights, INDArray bias) {
    }

    /**
     * @param weights the layer's weights (dense {@code [nIn, nOut]}, convolution
     *     {@code [nOut, nIn, kH, kW]})
     * @param bias the layer's bias {@code [1, C]}, or null if it has none
     * @param bn the batch-norm constants, one per output channel
     * @param channelAxis the output-channel axis of {@code weights} (1 dense, 0 convolution)
     * @return the folded weights and bias, float32
     */
    public static Folded fold(INDArray weights, INDArray bias, BatchNormStats bn, int channelAxis) {
        long channels = weights.size(channelAxis);
        if (channels != bn.gamma().length) {
            throw new IllegalArgumentException("weights have " + channels + " output channels on axis " + channelAxis
                    + " but the batch norm has " + bn.gamma().length);
        }
        double[] gamma = bn.gamma();
        double[] beta = bn.beta();
        double[] mean = bn.mean();
        double[] std = bn.std();
        double[] b = bias == null ? new double[(int) channels] : bias.dup().castTo(DataType.DOUBLE).toDoubleVector();
        float[] foldedBias = new float[(int) channels];
        double[] factor = new double[(int) channels];
        for (int c = 0; c < channels; c++) {
            factor[c] = gamma[c] / std[c];
            foldedBias[c] = (float) (beta[c] + (b[c] - mean[c]) * factor[c]);
        }
        INDArray w = weights.dup('c');
        double[] wv = w.castTo(DataType.DOUBLE).data().asDouble();
        long[] shape = w.shape();
        long inner = 1;
        for (int d = channelAxis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        float[] out = new float[wv.length];
        for (int i = 0; i < wv.length; i++) {
            int c = (int) ((i / inner) % channels);
            out[i] = (float) (wv[i] * factor[c]);
        }
        INDArray foldedWeights = Nd4j.createFromArray(out).reshape('c', shape).castTo(weights.dataType())
                .dup(weights.ordering());
        return new Folded(foldedWeights, Nd4j.createFromArray(foldedBias).reshape(1, channels)
                .castTo(weights.dataType()));
    }
}
