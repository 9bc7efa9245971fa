package org.qat4j.examples.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.examples.pipeline.DataChoice;
import org.qat4j.examples.pipeline.Int8Export;
import org.qat4j.examples.pipeline.ModelFiles;
import org.qat4j.examples.pipeline.OnnxFiles;
import org.qat4j.examples.report.Formats;
import org.qat4j.onnx.OnnxExportOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code qat4j export}: a QAT network zip to an int8 model file, or an int8 model to ONNX. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a QAT network to an int8 model file (.qat4j) or to ONNX (.onnx).",
            "The network is a DL4J zip from 'qat4j qat' or 'qat4j ptq --save-qat'; --format onnx also takes an "
                + "int8 model (.qat4j). See docs/onnx.md for the ONNX forms."})
final class ExportCommand implements Callable<Integer> {

    /** What the command writes. */
    enum Format {
        /** qat4j's own int8 model file. */
        QAT4J,
        /** An ONNX model. */
        ONNX
    }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Qat4jCommand parent;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "QAT.zip|MODEL.qat4j",
            description = "The QAT network, or (with --format onnx) an int8 model.")
    Path model;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to write: FILE.qat4j, or FILE.onnx with --format onnx. Default: next to the model, "
                + "<name>.qat4j or <name>.onnx.")
    Path out;

    @Option(names = "--data", paramLabel = "SET", converter = DataArgs.DataConverter.class, defaultValue = "digits",
            description = "The data set the network was trained on (digits, fashion-mnist, mnist): gives the input "
                + "image shape and the class labels. Default: ${DEFAULT-VALUE}.")
    DataChoice data;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, defaultValue = "qat4j",
            description = "qat4j (the int8 model file) or onnx. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--onnx-form", paramLabel = "FORM", converter = FormConverter.class,
            description = "ONNX graph form: qoperator (integer ops: QLinearConv, MatMulInteger, int8 MaxPool and Clip), "
                + "qdq (float ops between QuantizeLinear/DequantizeLinear pairs) or float (dequantized weights, "
                + "float ops). Default: qoperator.")
    OnnxExportOptions.Form onnxForm;

    @Option(names = "--onnx-input", paramLabel = "TYPE", converter = EdgeConverter.class,
            description = "ONNX input: float (quantized by the model) or int8 (already quantized with the model's "
                + "input scale and zero point). Default: float.")
    OnnxExportOptions.EdgeType onnxInput;

    @Option(names = "--onnx-output", paramLabel = "TYPE", converter = EdgeConverter.class,
            description = "ONNX output: float (dequantized) or int8. Default: float.")
    OnnxExportOptions.EdgeType onnxOutput;

    @Option(names = "--opset", paramLabel = "N",
            description = "ONNX opset, " + OnnxExportOptions.MIN_OPSET + " to " + OnnxExportOptions.MAX_OPSET
                + ". Default: " + OnnxExportOptions.DEFAULT_OPSET + ".")
    Integer opset;

    @Override
    public Integer call() throws Exception {
        OnnxExportOptions onnx = format == Format.ONNX ? onnxOptions() : null;
        if (onnx == null) {
            for (String option : new String[] {"--onnx-form", "--onnx-input", "--onnx-output", "--opset"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw usage(option + " applies to ONNX export only; add --format onnx");
                }
            }
        }
        String extension = onnx != null ? OnnxFiles.EXTENSION : ModelFiles.INT8_EXTENSION;
        Path target = out != null ? out : PtqCommand.sibling(model, extension);
        boolean targetOk = onnx != null ? OnnxFiles.isOnnx(target) : ModelFiles.kindOf(target) == ModelFiles.Kind.INT8;
        if (!targetOk) {
            throw new IllegalArgumentException("--out " + target + " must end in " + extension + " ("
                    + (onnx != null ? "an ONNX model" : "an int8 model file") + ")");
        }
        IntegerModel int8 = load(onnx != null);
        if (onnx == null) {
            long size = ModelFiles.saveInt8(int8, target);
            parent.io().out().printf("wrote %s (%s, %d ops)%n", target, Formats.bytes(size), int8.graph().ops().size());
        } else {
            long size = OnnxFiles.write(int8, target, onnx);
            parent.io().out().printf("wrote %s (%s, ONNX %s form, opset %d, %s input, %s output)%n", target,
                    Formats.bytes(size), lower(onnx.form()), onnx.opset(), lower(onnx.input()), lower(onnx.output()));
        }
        return 0;
    }

    /** The int8 model: exported from a QAT zip, or (for ONNX) loaded from a .qat4j file. */
    private IntegerModel load(boolean toOnnx) throws Exception {
        if (ModelFiles.kindOf(model) == ModelFiles.Kind.INT8) {
            if (!toOnnx) {
                throw new IllegalArgumentException("--model " + model + " is already an int8 model; "
                        + "add --format onnx to convert it to ONNX, or give a QAT network (.zip)");
            }
            return ModelFiles.loadInt8(model);
        }
        MultiLayerNetwork net = ModelFiles.loadNetwork(model);
        if (!ModelFiles.isQat(net)) {
            throw new IllegalArgumentException("--model " + model + " is a float network (no fake-quant layers); "
                    + "quantize it first with 'qat4j qat' or 'qat4j ptq'");
        }
        return Int8Export.export(net, data.imageShape(), data.classNames(), "exported from " + model.getFileName());
    }

    /** The ONNX options, defaults filled in; combinations the exporter refuses are usage errors here. */
    private OnnxExportOptions onnxOptions() {
        OnnxExportOptions d = OnnxExportOptions.defaults();
        OnnxExportOptions.Form form = onnxForm != null ? onnxForm : d.form();
        OnnxExportOptions.EdgeType input = onnxInput != null ? onnxInput : d.input();
        OnnxExportOptions.EdgeType output = onnxOutput != null ? onnxOutput : d.output();
        int chosenOpset = opset != null ? opset : d.opset();
        if (chosenOpset < OnnxExportOptions.MIN_OPSET || chosenOpset > OnnxExportOptions.MAX_OPSET) {
            throw usage("--opset " + chosenOpset + " is outside [" + OnnxExportOptions.MIN_OPSET + ", "
                    + OnnxExportOptions.MAX_OPSET + "]; use for example " + OnnxExportOptions.DEFAULT_OPSET);
        }
        if (form == OnnxExportOptions.Form.FLOAT && (input == OnnxExportOptions.EdgeType.INT8
                || output == OnnxExportOptions.EdgeType.INT8)) {
            throw usage("--onnx-form float has float input and output only; drop --onnx-"
                    + (input == OnnxExportOptions.EdgeType.INT8 ? "input" : "output")
                    + " int8, or use --onnx-form qoperator or qdq");
        }
        return new OnnxExportOptions(form, input, output, chosenOpset);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Parses an enum's lower-case name with a message listing the choices. */
    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        for (E e : type.getEnumConstants()) {
            if (lower(e).equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        StringBuilder choices = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            choices.append(choices.length() == 0 ? "" : ", ").append(lower(e));
        }
        throw new CommandLine.TypeConversionException("unknown " + what + " '" + value + "'; choose " + choices);
    }

    /** {@code --format}. */
    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return parse(Format.class, value, "format");
        }
    }

    /** {@code --onnx-form}. */
    static final class FormConverter implements ITypeConverter<OnnxExportOptions.Form> {
        @Override
        public OnnxExportOptions.Form convert(String value) {
            return parse(OnnxExportOptions.Form.class, value, "ONNX form");
        }
    }

    /** {@code --onnx-input} and {@code --onnx-output}. */
    static final class EdgeConverter implements ITypeConverter<OnnxExportOptions.EdgeType> {
        @Override
        public OnnxExportOptions.EdgeType convert(String value) {
            return parse(OnnxExportOptions.EdgeType.class, value, "ONNX edge type");
        }
    }
}
