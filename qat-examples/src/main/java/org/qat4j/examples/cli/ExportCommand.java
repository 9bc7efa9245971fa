package org.qat4j.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.report.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qat4j export}: a QAT network zip to an int8 model file. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a QAT network to an int8 model file.",
            "The network is a DL4J zip from 'qat4j qat' or 'qat4j ptq --save-qat'."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Qat4jCommand parent;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "QAT.zip", description = "The QAT network.")
    Path model;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.qat4j",
            description = "Where to write the int8 model. Default: next to the network, <name>.qat4j.")
    Path out;

    @Option(names = "--data", paramLabel = "SET", converter = DataArgs.DataConverter.class, defaultValue = "digits",
            description = "The data set the network was trained on (digits, fashion-mnist, mnist): gives the input "
                + "image shape and the class labels. Default: ${DEFAULT-VALUE}.")
    DataChoice data;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : PtqCommand.sibling(model, ModelFiles.INT8_EXTENSION);
        if (ModelFiles.kindOf(target) != ModelFiles.Kind.INT8) {
            throw new IllegalArgumentException("--out " + target + " must end in .qat4j (an int8 model file)");
        }
        if (ModelFiles.kindOf(model) != ModelFiles.Kind.DL4J) {
            throw new IllegalArgumentException("--model " + model + " must be a QAT network (.zip)");
        }
        MultiLayerNetwork net = ModelFiles.loadNetwork(model);
        if (!ModelFiles.isQat(net)) {
            throw new IllegalArgumentException("--model " + model + " is a float network (no fake-quant layers); "
                    + "quantize it first with 'qat4j qat' or 'qat4j ptq'");
        }
        IntegerModel int8 = Int8Export.export(net, data.imageShape(), data.classNames(), "exported from " + model.getFileName());
        long size = ModelFiles.saveInt8(int8, target);
        parent.io().out().printf("wrote %s (%s, %d ops)%n", target, Formats.bytes(size), int8.graph().ops().size());
        return 0;
    }
}
