package org.qat4j.examples.pipeline;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.kernels.fast.FastKernels;
import org.qat4j.core.runtime.Interpreter;
import org.qat4j.datasets.ImageShape;
import org.qat4j.datasets.LabeledImages;
import org.qat4j.datasets.PixelScaling;

/**
 * Inference speed in images per second, measured in the running JVM: DL4J's float {@code
 * output()} against the int8 engine, on the same images and batch sizes. A measurement warms up
 * first, then runs three rounds and reports the median; figures from a shared machine are noisy,
 * so compare the two in one run rather than across runs.
 */
public final class Throughput {

    private static final int ROUNDS = 3;
    private static final long WARM_UP_WAIT_SECONDS = 60;

    private Throughput() {
    }

    /**
     * @param seconds measuring time per measurement (warm-up adds half of it), at least 0.05
     */
    private static void checkSeconds(double seconds) {
        if (!(seconds >= 0.05) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("measuring time " + seconds + " s is not a finite number >= 0.05");
        }
    }

    /**
     * @param net the float (or QAT) network
     * @param images the images to run (the first {@code batch})
     * @param scaling the pixel scaling
     * @param batch images per call
     * @param seconds measuring time
     * @return images per second
     */
    public static double dl4j(MultiLayerNetwork net, LabeledImages images, PixelScaling scaling, int batch,
            double seconds) {
        checkSeconds(seconds);
        ImageShape s = images.shape();
        float[] flat = firstImages(images, scaling, batch);
        INDArray features = Nd4j.create(flat, new long[] {batch, s.channels(), s.height(), s.width()}, 'c');
        return measure(batch, seconds, () -> net.output(features, false));
    }

    /**
     * @param model the int8 model
     * @param images the images to run (the first {@code batch})
     * @param scaling the pixel scaling
     * @param batch images per call
     * @param seconds measuring time
     * @return images per second
     */
    public static double engine(IntegerModel model, LabeledImages images, PixelScaling scaling, int batch,
            double seconds) {
        checkSeconds(seconds);
        Interpreter engine = new Interpreter(model);
        awaitFastKernels();
        int per = images.shape().pixelsPerImage();
        float[] input = new float[batch * per];
        for (int i = 0; i < batch; i++) {
            EngineEvaluation.copyInLayout(images, i % images.size(), scaling, model.metadata().inputLayout(), input,
                    i * per);
        }
        float[] output = new float[batch * engine.outputSize()];
        return measure(batch, seconds, () -> engine.run(input, batch, output));
    }

    /**
     * The shared fast kernels warm up on a background thread while the reference kernels stand in;
     * a speed measurement must time the fast ones, so it waits for the switch.
     */
    private static void awaitFastKernels() {
        try {
            if (!FastKernels.awaitSharedWarmUp(WARM_UP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the int8 engine's fast kernels were not warm after "
                        + WARM_UP_WAIT_SECONDS + " s; the speed would be the reference kernels'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the fast kernels' warm-up", e);
        }
    }

    private static float[] firstImages(LabeledImages images, PixelScaling scaling, int batch) {
        int per = images.shape().pixelsPerImage();
        float[] flat = new float[batch * per];
        for (int i = 0; i < batch; i++) {
            images.copyScaled(i % images.size(), scaling, flat, i * per);
        }
        return flat;
    }

    private static double measure(int batch, double seconds, Runnable call) {
        long warmUpEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmUpEnd) {
            call.run();
        }
        double[] rates = new double[ROUNDS];
        long roundNanos = (long) (seconds / ROUNDS * 1e9);
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            long calls = 0;
            long now;
            do {
                call.run();
                calls++;
                now = System.nanoTime();
            } while (now - start < roundNanos);
            rates[r] = calls * (double) batch / ((now - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[ROUNDS / 2];
    }
}
