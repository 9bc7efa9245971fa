package org.qat4j.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.Accuracy;
import org.qat4j.examples.pipeline.EngineEvaluation;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.pipeline.Pipeline;
import org.qat4j.examples.pipeline.QuantSettings;
import org.qat4j.examples.report.Formats;
import org.qat4j.examples.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qat4j ptq}: post-training quantization of a float network, exported to an int8 model. */
@Command(name = "ptq", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantize a float network after training and export the int8 model.", "Post-training quantization: calibrate the activation ranges of a trained float network on "
            + "training batches, export the int8 model and evaluate it (simulated and on the int8 engine)."})
final class PtqCommand implements Callable<Integer> {

    @ParentCommand
    Qat4jCommand parent;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FLOAT.zip", description = "The trained float network.")
    Path model;

    @Mixin
    DataArgs dataArgs;

    @Mixin
    QuantArgs quantArgs;

    @Option(names = "--calibration-batches", paramLabel = "N", defaultValue = "" + Pipeline.CALIBRATION_BATCHES,
            description = "Training batches the ranges are calibrated on. Default: ${DEFAULT-VALUE}.")
    int calibrationBatches;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Calibration batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.qat4j",
            description = "Where to write the int8 model. Default: next to the network, <name>-ptq.qat4j.")
    Path out;

    @Option(names = "--save-qat", paramLabel = "FILE.zip",
            description = "Also save the calibrated QAT network (to fine-tune later with 'qat4j qat').")
    Path saveQat;

    @Override
    public Integer call() throws Exception {
        if (calibrationBatches < 1) {
            throw new IllegalArgumentException("--calibration-batches " + calibrationBatches + " is below 1; use 16");
        }
        QuantSettings settings = quantArgs.settings();
        Path target = out != null ? out : sibling(model, "-ptq" + ModelFiles.INT8_EXTENSION);
        if (ModelFiles.kindOf(target) != ModelFiles.Kind.INT8) {
            throw new IllegalArgumentException("--out " + target + " must end in .qat4j (an int8 model file)");
        }
        MultiLayerNetwork floatNet = loadFloat(model);
        ImageData data = dataArgs.load();
        long start = System.nanoTime();
        double floatAccuracy = Accuracy.of(floatNet, data);
        MultiLayerNetwork qat = settings.prepareAndCalibrate(floatNet, data, calibrationBatches, batch, 42);
        double simulated = Accuracy.of(qat, data);
        IntegerModel int8 = Int8Export.export(qat, data.shape(), data.choice().classNames(),
                "PTQ " + settings.label() + " of " + model.getFileName());
        double engine = EngineEvaluation.accuracy(int8, data.test(), data.scaling());
        long size = ModelFiles.saveInt8(int8, target);
        if (saveQat != null) {
            ModelFiles.saveNetwork(qat, saveQat);
        }
        TextTable t = new TextTable("model", "test accuracy", "vs float")
                .row("float (" + model.getFileName() + ")", Formats.percent(floatAccuracy), "")
                .row("PTQ " + settings.label() + ", simulated", Formats.percent(simulated),
                        Formats.points(simulated - floatAccuracy))
                .row("PTQ " + settings.label() + ", int8 engine", Formats.percent(engine),
                        Formats.points(engine - floatAccuracy));
        parent.io().out().print(t.toText());
        parent.io().out().printf("wrote %s (%s)%s in %s%n", target, Formats.bytes(size),
                saveQat == null ? "" : " and " + saveQat, Formats.seconds(System.nanoTime() - start));
        return 0;
    }

    /** Loads a network that must be a float one (not already prepared for QAT). */
    static MultiLayerNetwork loadFloat(Path file) throws java.io.IOException {
        if (ModelFiles.kindOf(file) != ModelFiles.Kind.DL4J) {
            throw new IllegalArgumentException("--model " + file + " must be a float DL4J network (.zip); "
                    + "train one with 'qat4j train'");
        }
        MultiLayerNetwork net = ModelFiles.loadNetwork(file);
        if (ModelFiles.isQat(net)) {
            throw new IllegalArgumentException("--model " + file + " is already a QAT network (it has fake-quant layers); "
                    + "pass the float network it came from");
        }
        return net;
    }

    /** {@code dir/name.zip} with suffix: {@code dir/name<suffix>}. */
    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(stem + suffix);
    }
}
