package org.qat4j.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.Accuracy;
import org.qat4j.examples.pipeline.BitWidthSweep;
import org.qat4j.examples.pipeline.EngineEvaluation;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.pipeline.Pipeline;
import org.qat4j.examples.pipeline.QuantSettings;
import org.qat4j.examples.pipeline.Training;
import org.qat4j.examples.report.BitSweep;
import org.qat4j.examples.report.Formats;
import org.qat4j.examples.report.RangeRecorder;
import org.qat4j.examples.report.Report;
import org.qat4j.examples.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qat4j qat}: quantization-aware fine-tuning of a float network. */
@Command(name = "qat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a float network with fake quantization (QAT).", "Quantization-aware training: prepare a float network (fake quantization of weights and "
            + "activations, batch norm folded), calibrate, fine-tune, save the QAT network; optionally export "
            + "the int8 model and write a report with charts."})
final class QatCommand implements Callable<Integer> {

    @ParentCommand
    Qat4jCommand parent;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FLOAT.zip",
            description = "The trained float network (or a QAT network to fine-tune further).")
    Path model;

    @Mixin
    DataArgs dataArgs;

    @Mixin
    TrainArgs trainArgs;

    @Mixin
    QuantArgs quantArgs;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "" + Pipeline.QAT_LEARNING_RATE,
            description = "Adam learning rate of the fine-tuning. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = {"-o", "--out"}, paramLabel = "QAT.zip",
            description = "Where to save the QAT network. Default: next to the model, <name>-qat.zip.")
    Path out;

    @Option(names = "--export", paramLabel = "FILE.qat4j",
            description = "Also export the int8 model there and evaluate it on the int8 engine.")
    Path export;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write PNG charts (learned ranges, weight histograms, accuracy against bit width) and report.md.")
    Path report;

    @Override
    public Integer call() throws Exception {
        QuantSettings settings = quantArgs.settings();
        Training.Plan plan = trainArgs.plan(TrainArgs.qatEpochs(dataArgs.data));
        Path target = out != null ? out : PtqCommand.sibling(model, "-qat" + ModelFiles.DL4J_EXTENSION);
        if (ModelFiles.kindOf(target) != ModelFiles.Kind.DL4J) {
            throw new IllegalArgumentException("--out " + target + " must end in .zip (a DL4J network file)");
        }
        if (export != null && ModelFiles.kindOf(export) != ModelFiles.Kind.INT8) {
            throw new IllegalArgumentException("--export " + export + " must end in .qat4j (an int8 model file)");
        }
        if (ModelFiles.kindOf(model) != ModelFiles.Kind.DL4J) {
            throw new IllegalArgumentException("--model " + model + " must be a DL4J network (.zip)");
        }
        MultiLayerNetwork loaded = ModelFiles.loadNetwork(model);
        ImageData data = dataArgs.load();
        long start = System.nanoTime();
        boolean fromFloat = !ModelFiles.isQat(loaded);
        TextTable t = new TextTable("model", "test accuracy", "vs start");
        double reference;
        MultiLayerNetwork qat;
        if (fromFloat) {
            reference = Accuracy.of(loaded, data);
            t.row("float (" + model.getFileName() + ")", Formats.percent(reference), "");
            qat = Pipeline.ptq(loaded, settings, data, plan);
            double ptq = Accuracy.of(qat, data);
            t.row("PTQ " + settings.label() + ", simulated", Formats.percent(ptq), Formats.points(ptq - reference));
        } else {
            qat = loaded;
            reference = Accuracy.of(qat, data);
            t.row("QAT network (" + model.getFileName() + "), simulated", Formats.percent(reference), "");
        }
        RangeRecorder ranges = new RangeRecorder();
        ranges.record(qat);
        Pipeline.fineTune(qat, settings, data, plan, learningRate, parent.io(), ranges);
        double simulated = Accuracy.of(qat, data);
        t.row("QAT " + settings.label() + ", simulated", Formats.percent(simulated), Formats.points(simulated - reference));
        ModelFiles.saveNetwork(qat, target);
        List<String> wrote = new ArrayList<>(List.of(target.toString()));
        if (export != null) {
            IntegerModel int8 = Int8Export.export(qat, data.shape(), data.choice().classNames(), "QAT " + settings.label() + " of "
                    + model.getFileName());
            double engine = EngineEvaluation.accuracy(int8, data.test(), data.scaling());
            t.row("QAT " + settings.label() + ", int8 engine", Formats.percent(engine), Formats.points(engine - reference));
            ModelFiles.saveInt8(int8, export);
            wrote.add(export.toString());
        }
        parent.io().out().print(t.toText());
        if (report != null) {
            Report r = new Report(report, "qat4j qat: " + model.getFileName() + " on " + data.choice());
            r.table("Accuracy", t).ranges(ranges).weights(qat);
            if (fromFloat) {
                List<BitSweep> points = new ArrayList<>(BitWidthSweep.ptq(loaded, data, plan, BitWidthSweep.DEFAULT_BITS));
                points.add(new BitSweep("this QAT run", settings.weightBits(), simulated));
                r.bits(points, reference, "PTQ of the float network at each bit width (calibrated, not trained), and "
                        + "this QAT run (simulated).");
            }
            wrote.add(r.write().toString());
        }
        parent.io().out().printf("wrote %s in %s%n", String.join(", ", wrote), Formats.seconds(System.nanoTime() - start));
        return 0;
    }
}
