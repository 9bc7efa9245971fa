package org.qat4j.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qat4j.core.io.AtomicFiles;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.Pipeline;
import org.qat4j.examples.study.Machine;
import org.qat4j.examples.study.QuantizationStudy;
import org.qat4j.examples.study.ResultsMarkdown;
import org.qat4j.examples.study.StudyResult;
import org.qat4j.examples.study.StudyVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qat4j study}: the quantization study that produces docs/results.md. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the quantization study and write the results page (Fashion-MNIST).", "The quantization study (default on Fashion-MNIST): a reference CNN in float, then PTQ int8, "
            + "QAT int8, symmetric activations, per-tensor weights, narrow-range activations, W4A8, W4A4 and W2A8, "
            + "each measured simulated and on the int8 engine; writes the Markdown results page. About 20 minutes "
            + "on 2 cores."})
final class StudyCommand implements Callable<Integer> {

    /** Training images the study uses unless told otherwise. */
    static final int DEFAULT_TRAIN_LIMIT = 12_000;

    @ParentCommand
    Qat4jCommand parent;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--float-epochs", paramLabel = "N", defaultValue = "3", description = "Float epochs. Default: ${DEFAULT-VALUE}.")
    int floatEpochs;

    @Option(names = "--qat-epochs", paramLabel = "N", defaultValue = "1",
            description = "QAT epochs per row. Default: ${DEFAULT-VALUE}.")
    int qatEpochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--full-train-set", description = "Train on every training image (default: a stratified subset of "
            + StudyCommand.DEFAULT_TRAIN_LIMIT + ", which keeps the study near 20 minutes on 2 cores).")
    boolean fullTrainSet;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.md", defaultValue = "qat4j-out/results.md",
            description = "Where to write the results page. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!dataArgs.isDataGiven()) {
            dataArgs.data = org.qat4j.examples.pipeline.DataChoice.FASHION_MNIST;
        }
        if (dataArgs.trainLimit == 0 && !fullTrainSet) {
            dataArgs.trainLimit = DEFAULT_TRAIN_LIMIT;
        }
        QuantizationStudy.Settings base = QuantizationStudy.Settings.standard();
        QuantizationStudy.Settings settings = new QuantizationStudy.Settings(floatEpochs, qatEpochs, base.batch(), seed,
                Pipeline.QAT_LEARNING_RATE, base.channels1(), base.channels2(), base.hidden());
        long start = System.nanoTime();
        ImageData data = dataArgs.load();
        StudyResult result = QuantizationStudy.run(data, settings, StudyVariant.standard(), parent.io());
        double total = (System.nanoTime() - start) / 1e9;
        String page = ResultsMarkdown.page(result, settings, commandLine(), Machine.describe(), total);
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, page.getBytes(StandardCharsets.UTF_8));
        parent.io().out().print(ResultsMarkdown.table(result).toText());
        parent.io().out().print(ResultsMarkdown.targets(result).toText());
        parent.io().out().printf("wrote %s%n", out);
        return 0;
    }

    /** The command as a user would type it to get this run again. */
    private String commandLine() {
        StringBuilder sb = new StringBuilder("./qat4j study");
        if (dataArgs.data != org.qat4j.examples.pipeline.DataChoice.FASHION_MNIST) {
            sb.append(" --data ").append(dataArgs.data.cliName());
        }
        if (fullTrainSet) {
            sb.append(" --full-train-set");
        } else if (dataArgs.trainLimit != DEFAULT_TRAIN_LIMIT) {
            sb.append(" --train-limit ").append(dataArgs.trainLimit);
        }
        if (dataArgs.testLimit > 0) {
            sb.append(" --test-limit ").append(dataArgs.testLimit);
        }
        if (floatEpochs != 3) {
            sb.append(" --float-epochs ").append(floatEpochs);
        }
        if (qatEpochs != 1) {
            sb.append(" --qat-epochs ").append(qatEpochs);
        }
        if (seed != 42) {
            sb.append(" --seed ").append(seed);
        }
        return sb.append(" --out ").append(out).toString();
    }
}
