package org.qat4j.examples.cli;

import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.Training;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Epochs, batch size and seed of a training run. */
final class TrainArgs {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Training epochs (default: float 20 on digits, 3 on 28x28 data; QAT 3 on digits, 1 on 28x28 data).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of weight initialization and shuffling. Default: ${DEFAULT-VALUE}.")
    long seed;

    /**
     * @param defaultEpochs epochs when {@code --epochs} is not given
     * @return the plan
     */
    Training.Plan plan(int defaultEpochs) {
        int e = epochs == null ? defaultEpochs : epochs;
        if (e < 1 || e > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs " + e
                    + " is outside [1, 10000]; use for example 3");
        }
        if (batch < 1 || batch > 65_536) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch " + batch
                    + " is outside [1, 65536]; use for example 32");
        }
        return new Training.Plan(e, batch, seed);
    }

    /** Float epochs by data set: the digits are tiny, 28x28 sets large. */
    static int floatEpochs(DataChoice data) {
        return data == DataChoice.DIGITS ? 20 : 3;
    }

    /** QAT fine-tuning epochs by data set. */
    static int qatEpochs(DataChoice data) {
        return data == DataChoice.DIGITS ? 3 : 1;
    }
}
