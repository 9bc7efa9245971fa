package org.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad arguments end with a non-zero status and one line naming the problem on standard error
 * (plus, for usage errors, a pointer to {@code --help}), never a stack trace.
 */
class BadArgumentsTest {

    @TempDir
    Path dir;

    private static void assertOneLineError(Run run, int status, String command, String... fragments) {
        assertEquals(status, run.status(), run.err());
        String[] lines = run.errorLines();
        assertTrue(lines.length >= 1 && lines.length <= 3, "one error line (and a --help hint), got:\n" + run.err());
        assertTrue(lines[0].startsWith("qat4j " + command + ": error: "), lines[0]);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), "'" + f + "' missing from: " + lines[0]);
        }
        assertFalse(run.err().contains("\tat "), "stack trace printed:\n" + run.err());
        assertFalse(run.err().contains("Exception in"), run.err());
        if (lines.length == 3) {
            assertTrue(lines[1].startsWith("Possible solutions: "), lines[1]);
        }
        if (lines.length >= 2) {
            assertEquals("Try 'qat4j " + command + " --help' for the options.", lines[lines.length - 1]);
        }
    }

    @Test
    void unknownDataSetIsAUsageError() {
        assertOneLineError(Run.of("train", "--data", "imagenet"), ErrorHandlers.USAGE, "train",
                "unknown data set 'imagenet'", "digits, fashion-mnist, mnist");
    }

    @Test
    void weightBitsOutOfRangeIsAUsageError() {
        assertOneLineError(Run.of("qat", "--model", "x.zip", "--weight-bits", "9"), ErrorHandlers.USAGE, "qat",
                "--weight-bits 9 is outside [2, 8]");
    }

    @Test
    void activationBitsOutOfRangeIsAUsageError() {
        assertOneLineError(Run.of("ptq", "--model", "x.zip", "--act-bits", "1"), ErrorHandlers.USAGE, "ptq",
                "--act-bits 1 is outside [2, 8]");
    }

    @Test
    void nonNumericBitsIsAUsageError() {
        assertOneLineError(Run.of("qat", "--model", "x.zip", "--weight-bits", "eight"), ErrorHandlers.USAGE, "qat",
                "--weight-bits", "eight");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertOneLineError(Run.of("ptq"), ErrorHandlers.USAGE, "ptq", "--model");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertOneLineError(Run.of("train", "--epochz", "3"), ErrorHandlers.USAGE, "train", "--epochz");
    }

    @Test
    void epochsBelowOneIsAUsageError() {
        assertOneLineError(Run.of("train", "--epochs", "0", "--out", dir.resolve("f.zip").toString()),
                ErrorHandlers.USAGE, "train", "--epochs 0 is outside [1, 10000]");
    }

    @Test
    void missingModelFileFails() {
        Path missing = dir.resolve("missing.zip");
        assertOneLineError(Run.of("eval", "--model", missing.toString()), ErrorHandlers.FAILURE, "eval",
                missing.toString(), "does not exist");
        assertOneLineError(Run.of("inspect", missing.toString()), ErrorHandlers.FAILURE, "inspect", "does not exist");
        assertOneLineError(Run.of("export", "--model", missing.toString(), "--out", dir.resolve("m.qat4j").toString()),
                ErrorHandlers.FAILURE, "export", "does not exist");
    }

    @Test
    void wrongExtensionFails() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertOneLineError(Run.of("inspect", text.toString()), ErrorHandlers.FAILURE, "inspect", ".zip", ".qat4j");
        assertOneLineError(Run.of("train", "--out", dir.resolve("net.qat4j").toString()), ErrorHandlers.FAILURE, "train",
                "must end in .zip");
    }

    @Test
    void corruptModelFileFails() throws IOException {
        Path fakeModel = Files.write(dir.resolve("broken.qat4j"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertOneLineError(Run.of("inspect", fakeModel.toString()), ErrorHandlers.FAILURE, "inspect");
        Path fakeZip = Files.write(dir.resolve("broken.zip"), new byte[] {'P', 'K', 0, 0});
        assertOneLineError(Run.of("eval", "--model", fakeZip.toString()), ErrorHandlers.FAILURE, "eval",
                "is not a DL4J MultiLayerNetwork zip");
    }

    @Test
    void unknownEngineIsAUsageError() {
        assertOneLineError(Run.of("eval", "--model", "x.qat4j", "--engine", "gpu"), ErrorHandlers.USAGE, "eval",
                "unknown engine 'gpu'");
    }

    @Test
    void unknownExportFormatsAreUsageErrors() {
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "tflite"), ErrorHandlers.USAGE, "export",
                "unknown format 'tflite'; choose qat4j, onnx");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "onnx", "--onnx-form", "qlinear"),
                ErrorHandlers.USAGE, "export", "unknown ONNX form 'qlinear'; choose qoperator, qdq, float");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "onnx", "--onnx-input", "uint8"),
                ErrorHandlers.USAGE, "export", "unknown ONNX edge type 'uint8'; choose float, int8");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "onnx", "--onnx-output", "fp16"),
                ErrorHandlers.USAGE, "export", "unknown ONNX edge type 'fp16'");
    }

    @Test
    void onnxOptionsOutOfRangeOrOutOfPlaceAreUsageErrors() {
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "onnx", "--opset", "12"), ErrorHandlers.USAGE,
                "export", "--opset 12 is outside [13, 17]");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "onnx", "--opset", "18"), ErrorHandlers.USAGE,
                "export", "--opset 18 is outside [13, 17]");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--onnx-form", "qdq"), ErrorHandlers.USAGE, "export",
                "--onnx-form applies to ONNX export only; add --format onnx");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--opset", "13"), ErrorHandlers.USAGE, "export",
                "--opset applies to ONNX export only");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "onnx", "--onnx-form", "float",
                "--onnx-input", "int8"), ErrorHandlers.USAGE, "export",
                "--onnx-form float has float input and output only; drop --onnx-input int8");
        assertOneLineError(Run.of("export", "--model", "x.zip", "--format", "onnx", "--onnx-form", "float",
                "--onnx-output", "int8"), ErrorHandlers.USAGE, "export", "drop --onnx-output int8");
    }

    @Test
    void exportFileKindsMustFitTheFormat() throws IOException {
        Path int8 = dir.resolve("m.qat4j");
        TinyModels.digitsShaped(1).save(int8);
        assertOneLineError(Run.of("export", "--model", int8.toString(), "--format", "onnx", "--out",
                dir.resolve("m.qat4j2").toString()), ErrorHandlers.FAILURE, "export", "must end in .onnx");
        assertOneLineError(Run.of("export", "--model", int8.toString(), "--out", dir.resolve("n.qat4j").toString()),
                ErrorHandlers.FAILURE, "export", "is already an int8 model; add --format onnx");
        assertOneLineError(Run.of("export", "--model", dir.resolve("missing.qat4j").toString(), "--format", "onnx"),
                ErrorHandlers.FAILURE, "export", "does not exist");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Run run = Run.of("no-such-command");
        assertEquals(ErrorHandlers.USAGE, run.status());
        assertTrue(run.err().contains("no-such-command"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
