package org.qat4j.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.examples.pipeline.Accuracy;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.pipeline.Pipeline;
import org.qat4j.examples.pipeline.Training;
import org.qat4j.examples.report.Formats;
import org.qat4j.examples.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qat4j train}: trains the reference float CNN and saves it as a DL4J zip. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the reference float CNN and save it as a DL4J zip.",
            "The CNN depends on the image size: one conv-BN-ReLU block for the 8x8 digits, two for 28x28 images."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Qat4jCommand parent;

    @Mixin
    DataArgs dataArgs;

    @Mixin
    TrainArgs trainArgs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.zip", description = "Where to save the network. "
            + "Default: qat4j-out/<data>-float.zip.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : Path.of("qat4j-out", dataArgs.data.cliName() + "-float.zip");
        if (ModelFiles.kindOf(target) != ModelFiles.Kind.DL4J) {
            throw new IllegalArgumentException("--out " + target + " must end in .zip (a DL4J network file)");
        }
        Training.Plan plan = trainArgs.plan(TrainArgs.floatEpochs(dataArgs.data));
        long start = System.nanoTime();
        ImageData data = dataArgs.load();
        MultiLayerNetwork net = Pipeline.trainFloat(data, plan, parent.io());
        double accuracy = Accuracy.of(net, data);
        long size = ModelFiles.saveNetwork(net, target);
        TextTable t = new TextTable("train", "value").leftAligned()
                .row("data", data.choice() + " (" + data.train().size() + " train, " + data.test().size() + " test)")
                .row("network", net.numParams() + " parameters, " + net.getnLayers() + " layers")
                .row("epochs x batch", plan.epochs() + " x " + plan.batch())
                .row("test accuracy", Formats.percent(accuracy))
                .row("saved", target + " (" + Formats.bytes(size) + ")")
                .row("time", Formats.seconds(System.nanoTime() - start));
        parent.io().out().print(t.toText());
        return 0;
    }
}
