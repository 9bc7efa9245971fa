package org.qat4j.examples.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parts of the notebook run that need no Jupyter: how an nbconvert run is classified (the
 * messages are those nbclient 0.7 and jupyter_client 7 print), what counts as a problem in an
 * executed notebook, and the committed copy's clean-up. {@link NotebooksIT} runs the real thing.
 */
class NotebookChecksTest {

    @Test
    void classifiesNbconvertRuns() {
        assertEquals(JupyterRunner.Outcome.SUCCESS, JupyterRunner.classify(0, "[NbConvertApp] Writing 3364 bytes"));
        assertEquals(JupyterRunner.Outcome.KERNEL_START_FAILURE, JupyterRunner.classify(1,
                "[NbConvertApp] ERROR | Error occurred while starting new kernel client for kernel b2f3: Kernel didn't "
                        + "respond in 30 seconds\nRuntimeError: Kernel didn't respond in 30 seconds"));
        assertEquals(JupyterRunner.Outcome.KERNEL_START_FAILURE, JupyterRunner.classify(1,
                "RuntimeError: Kernel died before replying to kernel_info"));
        assertEquals(JupyterRunner.Outcome.CELL_ERROR, JupyterRunner.classify(1,
                "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:"));
        assertEquals(JupyterRunner.Outcome.CELL_ERROR, JupyterRunner.classify(1,
                "nbclient.exceptions.CellTimeoutError: A cell timed out while it was being executed, after 900 seconds."));
        // A cell error wins even when the log also mentions the kernel (it died in the cell).
        assertEquals(JupyterRunner.Outcome.CELL_ERROR, JupyterRunner.classify(1,
                "Kernel didn't respond in 30 seconds\nCellExecutionError: ..."));
        assertEquals(JupyterRunner.Outcome.OTHER_FAILURE, JupyterRunner.classify(2,
                "[NbConvertApp] WARNING | pattern 'missing.ipynb' matched no files"));
        assertEquals(JupyterRunner.Outcome.OTHER_FAILURE, JupyterRunner.classify(1,
                "nbclient.exceptions.DeadKernelError: Kernel died"));
    }

    @Test
    void aShellThreadThatDiesBeforeTheFirstCellIsAStartFailure() {
        String bound = "[INFO   ] [ShellChannel]: Binding to tcp://127.0.0.1:58665\n";
        String died = "Exception in thread \"Shell-0\" java.lang.NullPointerException: Cannot invoke "
                + "\"java.util.Map.get(Object)\" because \"this.handlers\" is null\n";
        String cell = "[INFO   ] [ShellChannel]: Handling message: execute_request\n";
        assertTrue(JupyterRunner.startFailed(bound + died));
        assertEquals(JupyterRunner.Outcome.KERNEL_START_FAILURE, JupyterRunner.classify(137, bound + died));
        assertFalse(JupyterRunner.startFailed(bound));
        assertFalse(JupyterRunner.startFailed(bound + cell + died), "a death after cells ran is not a start failure");
        assertEquals(JupyterRunner.Outcome.OTHER_FAILURE, JupyterRunner.classify(1, bound + cell + died));
    }

    @Test
    void kernelSpecNamesTheJvmItsOptionsAndTheJar() {
        String spec = JupyterRunner.kernelSpec(Path.of("/jdk/bin/java"), Path.of("/b/kernel.jar"),
                List.of("-Xmx2g", "--add-modules", "jdk.incubator.vector"), Path.of("/b/cache"));
        String argv = "\"argv\": [\n    \"/jdk/bin/java\",\n    \"-Xmx2g\",\n    \"--add-modules\",\n"
                + "    \"jdk.incubator.vector\",\n    \"-jar\",\n    \"/b/kernel.jar\",\n    \"{connection_file}\"\n  ]";
        assertTrue(spec.contains(argv), spec);
        assertTrue(spec.contains("\"RJK_MIMA_CACHE\": \"/b/cache\""), spec);
        assertTrue(spec.contains("\"language\": \"java\""), spec);
    }

    @Test
    void aCleanExecutedNotebookHasNoProblems() throws IOException {
        ExecutedNotebook nb = ExecutedNotebook.parse(notebook(
                code(1, "%jars ../target/qat4j-all.jar", stream("stdout", "Add /abs/qat4j-all.jar to classpath")),
                code(2, "System.out.print(table.toText());", stream("stdout", "float  97.49 %\\n"))), "clean");
        assertEquals(List.of(), nb.problems());
        assertEquals(List.of("fashion-mnist"), nb.requirements());
    }

    @Test
    void reportsErrorsStandardErrorStackTracesAndCellsThatDidNotRun() throws IOException {
        ExecutedNotebook nb = ExecutedNotebook.parse(notebook(
                code(1, "a()", "{\"output_type\": \"error\", \"ename\": \"EvalException\", \"evalue\": \"boom\", "
                        + "\"traceback\": []}"),
                code(2, "b()", stream("stderr", "WARN something")),
                code(3, "c()", stream("stdout", "java.lang.IllegalStateException: x\\n    at org.qat4j.Foo.bar(Foo.java:12)\\n")),
                code(0, "d()")), "bad");
        List<String> problems = nb.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("cell 0 (a())") && problems.get(0).contains("EvalException: boom"), problems.get(0));
        assertTrue(problems.get(1).contains("standard error") && problems.get(1).contains("WARN something"), problems.get(1));
        assertTrue(problems.get(2).contains("stack trace"), problems.get(2));
        assertTrue(problems.get(3).contains("cell 3 (d()) was not executed"), problems.get(3));
    }

    @Test
    void rejectsWhatIsNotANotebook() {
        assertThrows(IOException.class, () -> ExecutedNotebook.parse("{\"cells\": []}", "x"));
        assertThrows(IOException.class, () -> ExecutedNotebook.parse("not json {", "x"));
    }

    @Test
    void committedCopyDropsTimestampsAndMagicOutputAndNamesIJavasKernel() throws IOException {
        String json = notebook(
                code(1, "%jars ../target/qat4j-all.jar", stream("stdout", "Add /abs/qat4j-all.jar to classpath")),
                code(2, "System.out.print(\\\"é\\\");", stream("stdout", "é <b>\\n")));
        String committed = ExecutedNotebook.parse(json, "nb").forCommit();
        assertFalse(committed.contains("iopub.execute_input"), committed);
        assertFalse(committed.contains("/abs/qat4j-all.jar"), committed);
        assertTrue(committed.contains("\"é <b>\\n\""), committed);   // unescaped, as nbformat writes it
        assertTrue(committed.contains("\"name\": \"java\""), committed);
        assertFalse(committed.contains("qat4j-build-java"), committed);
        assertTrue(committed.startsWith("{\n \"cells\": [\n  {\n"), committed);
        assertTrue(committed.endsWith("}\n"), committed);
        // Idempotent: cleaning the committed copy again changes nothing.
        assertEquals(committed, ExecutedNotebook.parse(committed, "again").forCommit());
    }

    private static String notebook(String... cells) {
        return "{\"cells\": [" + String.join(",", cells) + "], \"metadata\": {\"kernelspec\": {\"display_name\": "
                + "\"Java (qat4j build)\", \"language\": \"java\", \"name\": \"qat4j-build-java\"}, \"qat4j\": "
                + "{\"requires\": [\"fashion-mnist\"]}}, \"nbformat\": 4, \"nbformat_minor\": 5}";
    }

    private static String code(int count, String source, String... outputs) {
        return "{\"cell_type\": \"code\", \"execution_count\": " + (count == 0 ? "null" : count) + ", \"id\": \"c" + count
                + "\", \"metadata\": {\"execution\": {\"iopub.execute_input\": \"2026-01-01T00:00:00Z\"}}, \"outputs\": ["
                + String.join(",", outputs) + "], \"source\": [\"" + source + "\"]}";
    }

    private static String stream(String name, String text) {
        return "{\"name\": \"" + name + "\", \"output_type\": \"stream\", \"text\": [\"" + text + "\"]}";
    }
}
