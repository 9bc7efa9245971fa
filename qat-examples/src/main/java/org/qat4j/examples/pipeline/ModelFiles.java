package org.qat4j.examples.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.io.AtomicFiles;
import org.qat4j.layers.Qat;

/**
 * Model files: DL4J {@code ModelSerializer} zips ({@code .zip}) for float and QAT networks, qat4j
 * model files ({@code .qat4j}) for int8 models. Writes go to a temporary name in the target's
 * directory and are renamed into place, so a reader never sees half a file.
 */
public final class ModelFiles {

    /** The extension of int8 model files. */
    public static final String INT8_EXTENSION = ".qat4j";
    /** The extension of DL4J network files. */
    public static final String DL4J_EXTENSION = ".zip";

    private ModelFiles() {
    }

    /** What a model file holds, by its extension. */
    public enum Kind {
        /** A DL4J network zip (float or QAT). */
        DL4J,
        /** A qat4j int8 model. */
        INT8
    }

    /**
     * @param file a model file name
     * @return its kind
     * @throws IllegalArgumentException if the extension is neither {@code .zip} nor {@code .qat4j}
     */
    public static Kind kindOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(DL4J_EXTENSION)) {
            return Kind.DL4J;
        }
        if (name.endsWith(INT8_EXTENSION)) {
            return Kind.INT8;
        }
        throw new IllegalArgumentException("model file '" + file + "' has neither the " + DL4J_EXTENSION
                + " extension (DL4J network) nor " + INT8_EXTENSION + " (int8 model); rename it or pick another file");
    }

    /**
     * @param file a file that must exist
     * @param what what it should hold, for the message ("model file")
     * @return the file
     * @throws IllegalArgumentException if it does not exist or is a directory
     */
    public static Path requireFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(what + " '" + file + "' does not exist; check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " '" + file + "' is not a regular file");
        }
        return file;
    }

    /**
     * Loads a DL4J network zip.
     *
     * @param file the zip
     * @return the network, without updater state
     * @throws IOException if the file cannot be read or is not a MultiLayerNetwork zip
     */
    public static MultiLayerNetwork loadNetwork(Path file) throws IOException {
        requireFile(file, "network file");
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("'" + file + "' is not a DL4J MultiLayerNetwork zip (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); save networks with 'qat4j train' or ModelSerializer.writeModel", e);
        }
    }

    /**
     * Writes a network zip without updater state (what inference and fine-tuning need), atomically.
     *
     * @param net the network
     * @param file the target
     * @return the size of the written file in bytes
     * @throws IOException if writing fails
     */
    public static long saveNetwork(MultiLayerNetwork net, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), false));
        return Files.size(target);
    }

    /**
     * Writes an int8 model (atomically, see {@link IntegerModel#save}).
     *
     * @param model the model
     * @param file the target
     * @return the size of the written file in bytes
     * @throws IOException if writing fails
     */
    public static long saveInt8(IntegerModel model, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        model.save(target);
        return Files.size(target);
    }

    /**
     * @param file an int8 model file
     * @return the model
     * @throws IOException if it cannot be read or is not a valid model (the message says why)
     */
    public static IntegerModel loadInt8(Path file) throws IOException {
        requireFile(file, "int8 model file");
        return IntegerModel.load(file);
    }

    /**
     * @param net a DL4J network
     * @return whether it has fake-quant layers (a QAT network)
     */
    public static boolean isQat(MultiLayerNetwork net) {
        return !Qat.fakeQuantLayers(net).isEmpty();
    }
}
