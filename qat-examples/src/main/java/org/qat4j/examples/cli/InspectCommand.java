package org.qat4j.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.report.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code qat4j inspect}: prints what a model file holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print what an int8 model (.qat4j) or a DL4J network (.zip) holds.", "For an int8 model (.qat4j) every op with shapes, bits, scales, zero points, "
            + "requantization multipliers, clamps and sizes; for a DL4J network (.zip) every layer with its parameters, "
            + "weight quantization and learned activation ranges."})
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    Qat4jCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .qat4j int8 model or a .zip DL4J network.")
    Path file;

    @Override
    public Integer call() throws Exception {
        ModelFiles.Kind kind = ModelFiles.kindOf(ModelFiles.requireFile(file, "model file"));
        PrintWriter out = parent.io().out();
        out.printf("%s: %s%n", file, Formats.bytes(Files.size(file)));
        if (kind == ModelFiles.Kind.INT8) {
            IntegerModel model = ModelFiles.loadInt8(file);
            out.print(Int8ModelDescription.describe(model));
        } else {
            MultiLayerNetwork net = ModelFiles.loadNetwork(file);
            out.print(NetworkDescription.describe(net));
        }
        return 0;
    }
}
