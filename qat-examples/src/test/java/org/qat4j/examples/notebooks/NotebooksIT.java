package org.qat4j.examples.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qat4j.datasets.DataOptions;
import org.qat4j.datasets.FashionMnist;
import org.qat4j.datasets.RemoteFile;

/**
 * Executes every notebook in {@code qat-examples/notebooks} with real Jupyter and a Java kernel,
 * on the jar this build just packaged, and checks that what a reader sees holds no error, no
 * standard-error output and no stack trace. Run by Failsafe in {@code mvn verify}, after the
 * shaded jar exists; the executed copies go to {@code target/notebooks}.
 *
 * <p>Without Jupyter (or without data a notebook needs) the tests are skipped with the command
 * that installs it, unless the environment variable {@value #REQUIRE_ENV} is {@code 1}, as CI
 * sets it: then a missing piece is a failure, so CI cannot skip silently.
 *
 * <p>With {@code -Dqat4j.notebooks.update=true} the executed, cleaned notebooks replace the
 * sources (see {@link ExecutedNotebook#forCommit()}): the one command that regenerates the
 * committed outputs.
 */
class NotebooksIT {

    /** The environment variable that turns a skip into a failure. */
    static final String REQUIRE_ENV = "QAT4J_REQUIRE_NOTEBOOKS";

    private static final Path NOTEBOOKS = Path.of(property("qat4j.notebooks.dir"));
    private static final Path OUTPUT = Path.of(property("qat4j.notebooks.out"));
    private static JupyterRunner runner;
    /** Why {@link #runner} is null: Jupyter cannot run here. */
    private static String noJupyter;

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the notebooks through "
                    + "Maven (mvn -B verify), whose Failsafe configuration sets it");
        }
        return v;
    }

    @BeforeAll
    static void startJupyter() throws IOException {
        String jupyter = property("qat4j.notebooks.jupyter");
        String version = JupyterRunner.nbconvertVersion(jupyter);
        if (version == null) {
            noJupyter = "'" + jupyter + " nbconvert' cannot run, so the notebooks were not run; install Jupyter with: "
                    + JupyterRunner.INSTALL_HINT;
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> jvmArgs = Arrays.stream(property("qat4j.notebooks.kernelJvmArgs").trim().split("\\s+")).toList();
        runner = new JupyterRunner(jupyter, OUTPUT.resolve("jupyter"), java, Path.of(property("qat4j.notebooks.kernelJar")),
                jvmArgs);
        System.out.println("notebooks: jupyter nbconvert " + version + ", kernel JVM " + java + " " + jvmArgs);
    }

    /** Per test, not in {@code @BeforeAll}, so that each test is reported as skipped with the reason. */
    @BeforeEach
    void requireJupyter() {
        require(runner != null, noJupyter);
    }

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".ipynb")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no notebook in " + NOTEBOOKS);
            }
            return found.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookRunsCleanly(Path notebook) throws Exception {
        for (String requirement : ExecutedNotebook.read(notebook).requirements()) {
            requireAvailable(requirement, notebook);
        }
        JupyterRunner.Result r = runner.execute(notebook, OUTPUT);
        System.out.printf(Locale.ROOT, "notebook %s: %s in %.1f s (%d run%s)%n", notebook.getFileName(), r.outcome(),
                r.seconds(), r.attempts(), r.attempts() == 1 ? "" : "s");
        if (r.outcome() != JupyterRunner.Outcome.SUCCESS) {
            fail(notebook.getFileName() + ": " + r.outcome() + " after " + r.attempts() + " run(s); the end of "
                    + "nbconvert's output:\n" + JupyterRunner.tail(r.log(), 6000));
        }
        ExecutedNotebook executed = ExecutedNotebook.read(r.executed());
        List<String> problems = executed.problems();
        assertTrue(problems.isEmpty(), notebook.getFileName() + " ran, but a reader would see:\n"
                + String.join("\n", problems));
        if (Boolean.getBoolean("qat4j.notebooks.update")) {
            executed.writeForCommit(notebook);
            System.out.println("notebook " + notebook.getFileName() + ": outputs written back to " + notebook);
        }
    }

    /**
     * The check itself can fail: a notebook whose cell throws fails as a cell error, which is not
     * retried (only the kernel's start-up is), and nothing is written.
     */
    @Test
    void aCellThatThrowsFailsTheRunWithoutRetrying() throws Exception {
        Path dir = Files.createDirectories(OUTPUT.resolve("self-test"));
        Path notebook = dir.resolve("throws.ipynb");
        Files.writeString(notebook, """
                {
                 "cells": [
                  {"cell_type": "code", "execution_count": null, "id": "ok", "metadata": {}, "outputs": [],
                   "source": ["int answer = 6 * 7;"]},
                  {"cell_type": "code", "execution_count": null, "id": "throws", "metadata": {}, "outputs": [],
                   "source": ["if (answer == 42) throw new IllegalStateException(\\"deliberate failure\\");"]}
                 ],
                 "metadata": {"kernelspec": {"display_name": "Java", "language": "java", "name": "java"}},
                 "nbformat": 4,
                 "nbformat_minor": 5
                }
                """, StandardCharsets.UTF_8);
        JupyterRunner.Result r = runner.execute(notebook, dir.resolve("out"));
        assertEquals(JupyterRunner.Outcome.CELL_ERROR, r.outcome(), JupyterRunner.tail(r.log(), 4000));
        List<JupyterRunner.Outcome> runs = r.runs();
        assertEquals(JupyterRunner.Outcome.CELL_ERROR, runs.get(runs.size() - 1), runs.toString());
        assertTrue(runs.subList(0, runs.size() - 1).stream().allMatch(o -> o == JupyterRunner.Outcome.KERNEL_START_FAILURE),
                "only start failures are retried: " + runs);
        assertTrue(r.log().contains("deliberate failure"), JupyterRunner.tail(r.log(), 4000));
        assertTrue(!Files.exists(r.executed()), "a failed run must not leave an executed notebook");
    }

    private static void requireAvailable(String requirement, Path notebook) {
        if (!"fashion-mnist".equals(requirement)) {
            throw new IllegalStateException(notebook.getFileName() + " requires '" + requirement
                    + "', which this test does not know; known: fashion-mnist");
        }
        // The notebook's kernel runs offline (-Dqat4j.offline=true): the data must be where
        // DataOptions looks without downloading.
        DataOptions options = DataOptions.offline();
        boolean present = options.candidates(FashionMnist.SOURCE.directoryName(), FashionMnist.SOURCE.systemDirectoryName())
                .stream().anyMatch(dir -> FashionMnist.SOURCE.files().stream().allMatch(f -> holds(dir, f)));
        require(present, notebook.getFileName() + " needs Fashion-MNIST, which is not installed; install it with: "
                + "sudo apt-get install dataset-fashion-mnist");
    }

    private static boolean holds(Path dir, RemoteFile f) {
        return Files.isRegularFile(dir.resolve(f.fileName())) || Files.isRegularFile(dir.resolve(f.gzipName()));
    }

    /** A skip with the reason, or a failure where notebooks are required (CI). */
    private static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            fail(reason + " (" + REQUIRE_ENV + "=1: notebooks are required here)");
        }
        System.err.println("NOTEBOOKS SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
