package org.qat4j.examples.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.Accuracy;
import org.qat4j.examples.pipeline.EngineEvaluation;
import org.qat4j.examples.pipeline.ImageData;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.report.Formats;
import org.qat4j.examples.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qat4j eval}: test accuracy of a float network, a QAT network (simulated) or an int8 model. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test accuracy of a float, QAT (simulated or int8 engine) or int8 model.", "Test-set accuracy of a model: a float network (.zip), a QAT network (.zip, simulated with "
            + "fake quantization, or exported in memory and run on the int8 engine), or an int8 model (.qat4j)."})
final class EvalCommand implements Callable<Integer> {

    /** How the model is run. */
    enum Engine {
        /** DL4J, a float network. */
        FLOAT,
        /** DL4J with fake quantization, a QAT network. */
        SIMULATED,
        /** qat4j's int8 engine. */
        INT8
    }

    @ParentCommand
    Qat4jCommand parent;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A .zip network or a .qat4j model.")
    Path model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--engine", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = "float, simulated or int8. Default: float for a float network, simulated for a QAT network "
                + "(int8 also prints the agreement with simulated), int8 for a .qat4j model.")
    Engine engine;

    @Override
    public Integer call() throws Exception {
        ModelFiles.Kind kind = ModelFiles.kindOf(ModelFiles.requireFile(model, "model file"));
        ImageData data = dataArgs.load();
        TextTable t = new TextTable("model", "engine", "test images", "accuracy");
        String name = model.getFileName().toString();
        String images = Integer.toString(data.test().size());
        if (kind == ModelFiles.Kind.INT8) {
            if (engine != null && engine != Engine.INT8) {
                throw new IllegalArgumentException("--engine " + lower(engine) + " needs a DL4J network (.zip); "
                        + model + " is an int8 model: use --engine int8");
            }
            IntegerModel int8 = ModelFiles.loadInt8(model);
            t.row(name, "int8", images, Formats.percent(EngineEvaluation.accuracy(int8, data.test(), data.scaling())));
        } else {
            MultiLayerNetwork net = ModelFiles.loadNetwork(model);
            boolean qat = ModelFiles.isQat(net);
            Engine chosen = engine != null ? engine : qat ? Engine.SIMULATED : Engine.FLOAT;
            if (qat && chosen == Engine.FLOAT) {
                throw new IllegalArgumentException("--engine float needs a float network; " + model
                        + " is a QAT network: use --engine simulated or int8");
            }
            if (!qat && chosen != Engine.FLOAT) {
                throw new IllegalArgumentException("--engine " + lower(chosen) + " needs a QAT network; " + model
                        + " is a float network: quantize it with 'qat4j qat' or 'qat4j ptq', or use --engine float");
            }
            int[] dl4j = Accuracy.predictions(net, data);
            double dl4jAccuracy = Accuracy.fractionEqual(dl4j, data.test().labels());
            t.row(name, qat ? "simulated" : "float", images, Formats.percent(dl4jAccuracy));
            if (chosen == Engine.INT8) {
                IntegerModel int8 = Int8Export.export(net, data.shape(), data.choice().classNames(), null);
                int[] engineClasses = EngineEvaluation.predictions(int8, data.test(), data.scaling());
                t.row(name, "int8", images, Formats.percent(Accuracy.fractionEqual(engineClasses, data.test().labels())));
                parent.io().out().print(t.toText());
                parent.io().out().printf("int8 engine and simulated predictions agree on %s of the test images%n",
                        Formats.percent(Accuracy.fractionEqual(engineClasses, dl4j)));
                return 0;
            }
        }
        parent.io().out().print(t.toText());
        return 0;
    }

    private static String lower(Engine e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Parses engine names with a message listing the choices. */
    static final class EngineConverter implements ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            for (Engine e : Engine.values()) {
                if (lower(e).equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("unknown engine '" + value + "'; choose float, simulated or int8");
        }
    }
}
