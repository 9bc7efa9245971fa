package org.qat4j.layers.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.qat4j.layers.Qat;
import org.qat4j.layers.QatConfig;
import org.qat4j.layers.TestArrays;
import org.qat4j.layers.weight.WeightFakeQuant;

/**
 * One training step (forward, backward, Adam update) of a LeNet-5-size CNN at batch 64: float,
 * with weight fake quantization only, and full QAT (weights plus activation quantizers), in one
 * run, printing medians and ratios. Not a test: run it as a program (see docs/performance.md).
 *
 * <p>The three networks step in turn, round after round, so that machine noise hits all of them
 * alike; each round times {@code STEPS_PER_ROUND} steps of one network. Warm-up rounds (JIT, ND4J
 * workspaces, and the QAT observers' first batches) are not counted. Both wall time and the
 * calling thread's CPU time are recorded: with {@code OMP_NUM_THREADS=1} every ND4J op runs on
 * the calling thread, so its CPU time measures the work even on a machine shared with other
 * jobs; with more threads only the wall time is meaningful.
 */
public final class QatTrainingStepBench {

    private static final int BATCH = 64;
    private static final int WARMUP_ROUNDS = 5;
    private static final int ROUNDS = 40;
    private static final int STEPS_PER_ROUND = 2;

    private QatTrainingStepBench() {
    }

    /**
     * @param args optional: number of measured rounds
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS;
        INDArray x = TestArrays.uniform(1, 0, 1, BATCH, 1, 28, 28);
        INDArray y = Nd4j.zeros(BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 10, 1);
        }
        DataSet batch = new DataSet(x, y);

        MultiLayerNetwork floatNet = lenet(null);
        MultiLayerNetwork weightsOnly = lenet(new WeightFakeQuant());
        MultiLayerNetwork qat = Qat.prepare(lenet(null), QatConfig.tfliteInt8());
        MultiLayerNetwork[] nets = {floatNet, weightsOnly, qat};
        String[] names = {"float", "weight fake quant", "full QAT"};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] msPerStep = new double[nets.length][rounds];
        double[][] cpuMsPerStep = new double[nets.length][rounds];
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            for (int n = 0; n < nets.length; n++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int s = 0; s < STEPS_PER_ROUND; s++) {
                    nets[n].fit(batch);
                }
                double ms = (System.nanoTime() - t0) / 1e6 / STEPS_PER_ROUND;
                double cpuMs = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / STEPS_PER_ROUND;
                if (r >= 0) {
                    msPerStep[n][r] = ms;
                    cpuMsPerStep[n][r] = cpuMs;
                }
            }
        }
        double floatMedian = median(msPerStep[0]);
        System.out.printf("LeNet-5-size CNN, batch %d, %d rounds x %d steps, %s, %d cores, OMP_NUM_THREADS=%s%n",
                BATCH, rounds, STEPS_PER_ROUND, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"));
        double floatCpu = median(cpuMsPerStep[0]);
        for (int n = 0; n < nets.length; n++) {
            double m = median(msPerStep[n]);
            double cpu = median(cpuMsPerStep[n]);
            System.out.printf("%-18s wall median %7.2f ms/step (%6.1f img/s), ratio %.3f | thread CPU %7.2f ms/step,"
                    + " ratio %.3f%n", names[n], m, BATCH * 1000 / m, m / floatMedian, cpu, cpu / floatCpu);
        }
        double[] perRound = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            perRound[r] = msPerStep[2][r] / msPerStep[0][r];
        }
        System.out.printf("full QAT / float, per-round ratio: median %.3f, min %.3f, max %.3f%n", median(perRound),
                Arrays.stream(perRound).min().orElse(0), Arrays.stream(perRound).max().orElse(0));
    }

    /** LeNet-5 as DL4J's example builds it: 20 and 50 5x5 filters, 500 hidden units. */
    static MultiLayerNetwork lenet(IWeightNoise weightNoise) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(123).weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).nOut(20).stride(1, 1).activation(Activation.RELU)
                        .weightNoise(weightNoise).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).stride(1, 1).activation(Activation.RELU)
                        .weightNoise(weightNoise).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).weightNoise(weightNoise).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).weightNoise(weightNoise).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
