package org.qat4j.examples.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.onnx.OnnxExportOptions;
import org.qat4j.onnx.OnnxExporter;

/** ONNX model files ({@code .onnx}) written from int8 models with {@link OnnxExporter}. */
public final class OnnxFiles {

    /** The extension of ONNX model files. */
    public static final String EXTENSION = ".onnx";

    private OnnxFiles() {
    }

    /**
     * @param file a file name
     * @return whether it has the {@code .onnx} extension
     */
    public static boolean isOnnx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    /**
     * Writes an int8 model as ONNX (atomically, see {@link OnnxExporter#write}), creating the
     * directory if needed.
     *
     * @param model the int8 model
     * @param file the target
     * @param options form, input and output types, opset
     * @return the size of the written file in bytes
     * @throws IOException if writing fails
     */
    public static long write(IntegerModel model, Path file, OnnxExportOptions options) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        return OnnxExporter.write(model, target, options);
    }
}
