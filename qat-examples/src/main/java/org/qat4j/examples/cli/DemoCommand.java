package org.qat4j.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.Accuracy;
import org.qat4j.examples.pipeline.BitWidthSweep;
import org.qat4j.examples.pipeline.ConsoleOutput;
import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.EngineEvaluation;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.pipeline.Pipeline;
import org.qat4j.examples.pipeline.QuantSettings;
import org.qat4j.examples.pipeline.Throughput;
import org.qat4j.examples.pipeline.Training;
import org.qat4j.examples.report.BitSweep;
import org.qat4j.examples.report.Formats;
import org.qat4j.examples.report.RangeRecorder;
import org.qat4j.examples.report.Report;
import org.qat4j.examples.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qat4j demo}: the whole pipeline on the embedded digits in one run: float training, PTQ,
 * QAT, export, int8 engine, with accuracy, file sizes and speed in one table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on the embedded digits and print one table.", "The whole pipeline on the embedded 8x8 digits: train a float CNN, quantize it after training "
            + "(PTQ int8), fine-tune with fake quantization (QAT int8), export the int8 model, run it on the int8 "
            + "engine, and print accuracy, model sizes and inference speed in one table."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Qat4jCommand parent;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20",
            description = "Float training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--qat-epochs", paramLabel = "N", defaultValue = "3",
            description = "QAT fine-tuning epochs. Default: ${DEFAULT-VALUE}.")
    int qatEpochs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.qat4j", defaultValue = "qat4j-out/digits-int8.qat4j",
            description = "Where to write the int8 model (the float and QAT networks go beside it as .zip). "
                + "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write PNG charts (learned ranges, weight histograms, accuracy against bit width from "
                + "short QAT runs at 8, 6, 4, 3, 2 bits) and report.md.")
    Path report;

    @Option(names = "--bench-seconds", paramLabel = "S", defaultValue = "2",
            description = "Measuring time of each speed figure (plus half of it to warm up). Default: ${DEFAULT-VALUE}.")
    double benchSeconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (ModelFiles.kindOf(out) != ModelFiles.Kind.INT8) {
            throw new IllegalArgumentException("--out " + out + " must end in .qat4j (an int8 model file)");
        }
        if (epochs < 1 || qatEpochs < 1) {
            throw new IllegalArgumentException("--epochs " + epochs + " / --qat-epochs " + qatEpochs
                    + " is below 1; train for at least one epoch");
        }
        if (!(benchSeconds >= 0.05 && benchSeconds <= 600)) {
            throw new IllegalArgumentException("--bench-seconds " + benchSeconds + " is outside [0.05, 600]; use 2");
        }
        ConsoleOutput io = parent.io();
        long start = System.nanoTime();
        ImageData data = DataChoice.DIGITS.load();
        io.err().printf("digits: %d training and %d test images of %s%n", data.train().size(), data.test().size(),
                data.shape());
        Training.Plan floatPlan = new Training.Plan(epochs, 32, seed);
        Training.Plan qatPlan = new Training.Plan(qatEpochs, 32, seed);
        QuantSettings int8 = QuantSettings.int8();

        MultiLayerNetwork floatNet = Pipeline.trainFloat(data, floatPlan, io);
        double floatAccuracy = Accuracy.of(floatNet, data);
        MultiLayerNetwork ptq = Pipeline.ptq(floatNet, int8, data, qatPlan);
        double ptqAccuracy = Accuracy.of(ptq, data);

        RangeRecorder ranges = new RangeRecorder();
        MultiLayerNetwork qat = Pipeline.ptq(floatNet, int8, data, qatPlan);
        ranges.record(qat);
        Pipeline.fineTune(qat, int8, data, qatPlan, Pipeline.QAT_LEARNING_RATE, io, ranges);
        int[] simulatedClasses = Accuracy.predictions(qat, data);
        double qatAccuracy = Accuracy.fractionEqual(simulatedClasses, data.test().labels());

        IntegerModel model = Int8Export.export(qat, data.shape(), data.choice().classNames(), "qat4j demo: QAT int8 CNN on the UCI digits");
        long int8Bytes = ModelFiles.saveInt8(model, out);
        IntegerModel reloaded = ModelFiles.loadInt8(out);
        int[] engineClasses = EngineEvaluation.predictions(reloaded, data.test(), data.scaling());
        double engineAccuracy = Accuracy.fractionEqual(engineClasses, data.test().labels());
        long floatBytes = ModelFiles.saveNetwork(floatNet, PtqCommand.sibling(out, "-float.zip"));
        ModelFiles.saveNetwork(qat, PtqCommand.sibling(out, "-qat.zip"));

        io.err().println("measuring inference speed (" + benchSeconds + " s per figure)...");
        double floatB64 = Throughput.dl4j(floatNet, data.test(), data.scaling(), 64, benchSeconds);
        double floatB1 = Throughput.dl4j(floatNet, data.test(), data.scaling(), 1, benchSeconds);
        double engineB64 = Throughput.engine(reloaded, data.test(), data.scaling(), 64, benchSeconds);
        double engineB1 = Throughput.engine(reloaded, data.test(), data.scaling(), 1, benchSeconds);

        TextTable t = new TextTable("digits, " + data.test().size() + " test images", "accuracy", "vs float", "model file", "batch 64",
                "batch 1");
        t.row("float (DL4J)", Formats.percent(floatAccuracy), "", Formats.bytes(floatBytes) + " .zip",
                Formats.rate(floatB64), Formats.rate(floatB1));
        t.row("PTQ int8, simulated", Formats.percent(ptqAccuracy), Formats.points(ptqAccuracy - floatAccuracy), "", "", "");
        t.row("QAT int8, simulated", Formats.percent(qatAccuracy), Formats.points(qatAccuracy - floatAccuracy), "", "", "");
        t.row("QAT int8, int8 engine", Formats.percent(engineAccuracy), Formats.points(engineAccuracy - floatAccuracy),
                Formats.bytes(int8Bytes) + " .qat4j", Formats.rate(engineB64), Formats.rate(engineB1));
        io.out().print(t.toText());
        io.out().printf("int8 engine and simulated QAT agree on %s of the test images; the .qat4j file is %.1fx "
                + "smaller than the float zip%n", Formats.percent(Accuracy.fractionEqual(engineClasses, simulatedClasses)),
                (double) floatBytes / int8Bytes);
        io.out().printf("wrote %s (inspect it: qat4j inspect %s) in %s%n", out, out,
                Formats.seconds(System.nanoTime() - start));

        if (report != null) {
            Report r = new Report(report, "qat4j demo: QAT int8 on the UCI digits");
            r.table("Results", t).ranges(ranges).weights(qat);
            io.err().println("accuracy against bit width: short QAT runs at " + BitWidthSweep.DEFAULT_BITS.length
                    + " bit widths...");
            List<BitSweep> points = BitWidthSweep.qat(floatNet, data, qatPlan, Pipeline.QAT_LEARNING_RATE,
                    BitWidthSweep.DEFAULT_BITS, io);
            r.bits(points, floatAccuracy, "QAT (" + qatEpochs + " epochs from the float network, simulated) with weights "
                    + "at b bits and 8-bit activations, and with both at b bits.");
            io.out().println("wrote report " + r.write());
        }
        return 0;
    }
}
