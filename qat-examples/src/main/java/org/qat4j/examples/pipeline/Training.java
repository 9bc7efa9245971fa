package org.qat4j.examples.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.qat4j.datasets.dl4j.ImageDataSetIterator;

/**
 * Trains a network on a data set with a progress bar (epochs, batches, loss, ETA): the float
 * training and the QAT fine-tuning of every command and example share this loop.
 */
public final class Training {

    private Training() {
    }

    /**
     * What one training run does.
     *
     * @param epochs passes over the training set, at least 1
     * @param batch images per batch, at least 1
     * @param seed the shuffle seed
     */
    public record Plan(int epochs, int batch, long seed) {

        /** Validates the counts. */
        public Plan {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs " + epochs + " is below 1; train for at least one epoch");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch size " + batch + " is below 1; use for example 64");
            }
        }
    }

    /**
     * Fits {@code net} for {@code plan.epochs()} epochs of shuffled training batches.
     *
     * @param net the network, trained in place
     * @param data the training images
     * @param plan epochs, batch size and seed
     * @param task the progress bar's label
     * @param io where the progress bar goes
     * @param extra more listeners called after every step (e.g. a range recorder), or none
     * @return the loss of the last batch
     */
    public static double fit(MultiLayerNetwork net, ImageData data, Plan plan, String task, ConsoleOutput io,
            TrainingListener... extra) {
        ImageDataSetIterator batches = data.trainBatches(plan.batch(), plan.seed());
        long steps = (long) plan.epochs() * batches.batchesPerEpoch();
        Collection<TrainingListener> previous = new ArrayList<>(net.getListeners());
        try (ProgressBar bar = Progress.start(io, task, steps, "batches")) {
            List<TrainingListener> listeners = new ArrayList<>(previous);
            listeners.add(new BarListener(bar, plan.epochs()));
            listeners.addAll(List.of(extra));
            net.setListeners(listeners);
            net.fit(batches, plan.epochs());
        } finally {
            net.setListeners(previous);
        }
        return net.score();
    }

    /** Steps the bar after every batch and shows the epoch and the loss. */
    private static final class BarListener extends BaseTrainingListener {

        private final ProgressBar bar;
        private final int epochs;
        private int epoch;

        BarListener(ProgressBar bar, int epochs) {
            this.bar = bar;
            this.epochs = epochs;
        }

        @Override
        public void onEpochEnd(Model model) {
            epoch++;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epochCount) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d, loss %.4f", Math.min(epoch + 1, epochs), epochs,
                    model.score()));
        }
    }
}
