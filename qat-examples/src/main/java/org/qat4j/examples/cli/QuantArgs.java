package org.qat4j.examples.cli;

import org.qat4j.examples.pipeline.QuantSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Bit widths and schemes of post-training quantization and QAT. */
final class QuantArgs {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private int weightBits = 8;
    private int activationBits = 8;

    @Option(names = "--per-tensor-weights", description = "One weight scale per tensor (default: per output channel).")
    boolean perTensorWeights;

    @Option(names = "--symmetric-activations",
            description = "Activation ranges symmetric about 0 (zero point 0; default: asymmetric, learned min/max).")
    boolean symmetricActivations;

    @Option(names = "--narrow-range-activations",
            description = "Drop the lowest activation level (int8 [-127, 127]; default: full [-128, 127]).")
    boolean narrowRangeActivations;

    @Option(names = "--weight-bits", paramLabel = "BITS", defaultValue = "8",
            description = "Bits per weight, 2 to 8. Default: ${DEFAULT-VALUE}.")
    void setWeightBits(int bits) {
        weightBits = checkBits("--weight-bits", bits);
    }

    @Option(names = "--act-bits", paramLabel = "BITS", defaultValue = "8",
            description = "Bits per activation, 2 to 8. Default: ${DEFAULT-VALUE}.")
    void setActivationBits(int bits) {
        activationBits = checkBits("--act-bits", bits);
    }

    private int checkBits(String option, int bits) {
        if (bits < QuantSettings.MIN_BITS || bits > QuantSettings.MAX_BITS) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + bits + " is outside ["
                    + QuantSettings.MIN_BITS + ", " + QuantSettings.MAX_BITS + "]; use 8 for int8");
        }
        return bits;
    }

    /** @return the settings */
    QuantSettings settings() {
        return new QuantSettings(weightBits, activationBits, !perTensorWeights, symmetricActivations,
                narrowRangeActivations);
    }
}
