package org.qat4j.examples.pipeline;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * The steps every workflow shares: train the reference float network, then post-training
 * quantization (prepare + calibrate) and quantization-aware fine-tuning from it.
 */
public final class Pipeline {

    /** Calibration batches for post-training quantization (and the start of QAT). */
    public static final int CALIBRATION_BATCHES = 16;
    /** Adam's learning rate for QAT fine-tuning: a quarter of the float rate. */
    public static final double QAT_LEARNING_RATE = 5e-4;

    private Pipeline() {
    }

    /**
     * Builds and trains the reference CNN for the data set.
     *
     * @param data the images
     * @param plan epochs, batch size, seed (also the weight-initialization seed)
     * @param io where progress goes
     * @return the trained float network
     */
    public static MultiLayerNetwork trainFloat(ImageData data, Training.Plan plan, ConsoleOutput io) {
        MultiLayerNetwork net = ReferenceModels.forShape(data.shape(), data.numClasses(), plan.seed());
        Training.fit(net, data, plan, "float", io);
        return net;
    }

    /**
     * Post-training quantization: the QAT twin with ranges calibrated on training data, no training.
     *
     * @param floatNet the trained float network; not modified
     * @param settings bits and schemes
     * @param data the images
     * @param plan batch size and seed of the calibration batches
     * @return the calibrated network (its fake quantization simulates the int8 model)
     */
    public static MultiLayerNetwork ptq(MultiLayerNetwork floatNet, QuantSettings settings, ImageData data,
            Training.Plan plan) {
        return settings.prepareAndCalibrate(floatNet, data, CALIBRATION_BATCHES, plan.batch(), plan.seed());
    }

    /**
     * Quantization-aware training: PTQ, then fine-tuning with fake quantization.
     *
     * @param floatNet the trained float network; not modified
     * @param settings bits and schemes
     * @param data the images
     * @param plan fine-tuning epochs, batch size, seed
     * @param learningRate Adam's learning rate for fine-tuning
     * @param io where progress goes
     * @param extra more listeners (e.g. a range recorder)
     * @return the fine-tuned QAT network
     */
    public static MultiLayerNetwork qat(MultiLayerNetwork floatNet, QuantSettings settings, ImageData data,
            Training.Plan plan, double learningRate, ConsoleOutput io, TrainingListener... extra) {
        MultiLayerNetwork qat = ptq(floatNet, settings, data, plan);
        fineTune(qat, settings, data, plan, learningRate, io, extra);
        return qat;
    }

    /**
     * Fine-tunes a prepared, calibrated QAT network in place.
     *
     * @param qat the QAT network
     * @param settings the settings it was prepared with (for the symmetric projection)
     * @param data the images
     * @param plan epochs, batch size, seed
     * @param learningRate Adam's learning rate
     * @param io where progress goes
     * @param extra more listeners
     */
    public static void fineTune(MultiLayerNetwork qat, QuantSettings settings, ImageData data, Training.Plan plan,
            double learningRate, ConsoleOutput io, TrainingListener... extra) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate " + learningRate + " is not a positive finite number; use "
                    + QAT_LEARNING_RATE);
        }
        qat.setLearningRate(learningRate);
        TrainingListener[] own = settings.trainingListeners();
        TrainingListener[] all = new TrainingListener[own.length + extra.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(extra, 0, all, own.length, extra.length);
        Training.fit(qat, data, plan, "QAT " + settings.label(), io, all);
    }
}
