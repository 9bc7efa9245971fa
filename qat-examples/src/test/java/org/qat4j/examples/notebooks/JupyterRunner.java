package org.qat4j.examples.notebooks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Executes notebooks headless with Jupyter's own {@code jupyter nbconvert --to notebook --execute}
 * and a JShell-based Java kernel, isolated from the user's Jupyter set-up: the kernel spec, the
 * configuration, data and runtime directories all live under one work directory (never
 * {@code ~/.local/share/jupyter}).
 *
 * <p>A kernel that fails to start is retried, up to {@link #ATTEMPTS} runs in all; a cell error,
 * or any other failure, ends at once. The kernel's start-up races: when Jupyter's first request
 * reaches its shell socket before its message handlers are registered, the shell thread dies
 * ({@code Exception in thread "Shell-0"}) and the kernel never answers; or its shell thread
 * handles nothing without a word. Both are seen in the log within seconds, so the run is stopped
 * and retried then, rather than after nbconvert's start-up timeout, which catches any other hang
 * at start.
 */
final class JupyterRunner {

    /**
     * Runs per notebook when the kernel fails to start. About one start in five fails on an idle
     * machine, up to one in two under load (three in a row were seen); a start whose shell
     * thread died costs a few seconds, one that hangs the start-up timeout.
     */
    static final int ATTEMPTS = 8;
    /** The kernel spec's name; unusual on purpose, so that no user kernel is picked instead. */
    static final String KERNEL_NAME = "qat4j-build-java";
    /** The Debian packages that provide {@code jupyter nbconvert} and the kernel client. */
    static final String INSTALL_HINT = "sudo apt-get install jupyter-nbconvert jupyter-client";

    /**
     * Seconds nbconvert waits for the kernel to answer at start (its default is 60). A kernel that
     * starts answers within a few seconds even on a busy machine.
     */
    private static final int STARTUP_TIMEOUT_SECONDS = 20;
    /** Seconds one cell may run. */
    private static final int CELL_TIMEOUT_SECONDS = 900;
    /** Minutes one nbconvert run may take in all before it is killed. */
    private static final int RUN_TIMEOUT_MINUTES = 20;
    /** How often the log of a starting run is read. */
    private static final long POLL_MILLIS = 250;
    /** What the kernel logs when its shell thread dies (its start-up race). */
    private static final String SHELL_THREAD_DIED = "Exception in thread \"Shell-";
    /** What the kernel logs when its shell socket is bound. */
    private static final String SHELL_BOUND = "[ShellChannel]: Binding to";
    /** What the kernel logs for every request its shell thread handles (the first: kernel_info). */
    private static final String SHELL_HANDLED = "[ShellChannel]: Handling message";
    /**
     * Seconds a kernel may stay silent after binding its shell socket. Jupyter asks for the kernel
     * info every second, and a kernel that started answers at once; the other start failure seen
     * (the shell thread stops without a word) is stopped after this long instead of nbconvert's
     * start-up timeout.
     */
    private static final int SILENT_START_SECONDS = 10;
    /** What the kernel logs for every cell it is asked to run: after it, the start is over. */
    private static final String EXECUTE_REQUEST = "Handling message: execute_request";

    /** How an nbconvert run ended, read from its exit status and its log. */
    enum Outcome {
        /** Every cell ran; the executed notebook was written. */
        SUCCESS,
        /** A cell raised an error (or timed out): never retried. */
        CELL_ERROR,
        /** The kernel did not start or did not answer its first request: retried. */
        KERNEL_START_FAILURE,
        /** Anything else (bad arguments, unreadable notebook): never retried. */
        OTHER_FAILURE
    }

    /**
     * The result of executing one notebook.
     *
     * @param outcome how the last run ended
     * @param runs how each run ended, in order (all but the last are start failures)
     * @param executed the executed notebook (written only on success)
     * @param log the last run's nbconvert and kernel output
     * @param seconds wall time of all runs
     */
    record Result(Outcome outcome, List<Outcome> runs, Path executed, String log, double seconds) {

        /** @return how many runs it took */
        int attempts() {
            return runs.size();
        }
    }

    private final String jupyter;
    private final Path jupyterHome;
    private final Map<String, String> environment;

    /**
     * Writes the kernel spec.
     *
     * @param jupyter the {@code jupyter} command (a name on the {@code PATH} or a path)
     * @param workDir where the Jupyter directories go (created; a build directory)
     * @param javaExecutable the {@code java} that runs the kernel
     * @param kernelJar the kernel's runnable jar
     * @param jvmArgs options for the kernel's JVM (the notebooks' code runs in it)
     * @throws IOException if the spec cannot be written
     */
    JupyterRunner(String jupyter, Path workDir, Path javaExecutable, Path kernelJar, List<String> jvmArgs)
            throws IOException {
        if (!Files.isRegularFile(kernelJar)) {
            throw new IllegalArgumentException("kernel jar " + kernelJar + " does not exist; the build copies it in "
                    + "the pre-integration-test phase: run mvn -B verify");
        }
        this.jupyter = jupyter;
        jupyterHome = workDir.toAbsolutePath();
        Path specDir = Files.createDirectories(jupyterHome.resolve("share/kernels").resolve(KERNEL_NAME));
        Files.writeString(specDir.resolve("kernel.json"), kernelSpec(javaExecutable, kernelJar.toAbsolutePath(), jvmArgs,
                jupyterHome.resolve("kernel-cache")), StandardCharsets.UTF_8);
        environment = Map.of(
                "JUPYTER_PATH", jupyterHome.resolve("share").toString(),
                "JUPYTER_DATA_DIR", jupyterHome.resolve("data").toString(),
                "JUPYTER_CONFIG_DIR", jupyterHome.resolve("config").toString(),
                "JUPYTER_RUNTIME_DIR", jupyterHome.resolve("runtime").toString());
    }

    /**
     * The kernel spec: the JVM and its options, the jar, and the kernel's settings ({@code RJK_*}:
     * no extra class path or start-up script, no time limit, its dependency cache in the work
     * directory rather than beside the notebook).
     */
    static String kernelSpec(Path javaExecutable, Path kernelJar, List<String> jvmArgs, Path cacheDir) {
        JsonArray argv = new JsonArray();
        argv.add(javaExecutable.toString());
        jvmArgs.forEach(argv::add);
        argv.add("-jar");
        argv.add(kernelJar.toString());
        argv.add("{connection_file}");
        JsonObject env = new JsonObject();
        env.addProperty("RJK_CLASSPATH", "");
        env.addProperty("RJK_COMPILER_OPTIONS", "");
        env.addProperty("RJK_INIT_SCRIPT", "");
        env.addProperty("RJK_TIMEOUT_MILLIS", "-1");
        env.addProperty("RJK_MIMA_CACHE", cacheDir.toString());
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", "Java (qat4j build)");
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        spec.add("env", env);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * @param jupyter the {@code jupyter} command
     * @return the output of {@code jupyter nbconvert --version}, or null if it cannot run
     */
    static String nbconvertVersion(String jupyter) {
        try {
            Process p = new ProcessBuilder(jupyter, "nbconvert", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Executes a notebook into {@code outputDir} (same file name); the source is never written.
     * The kernel's working directory is the notebook's own, so relative paths in cells resolve
     * against it, as in Jupyter.
     *
     * @param notebook the source notebook
     * @param outputDir where the executed copy goes
     * @return how it went; the log of every run is kept beside the executed copy
     * @throws IOException if nbconvert cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    Result execute(Path notebook, Path outputDir) throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        String name = notebook.getFileName().toString();
        Path executed = outputDir.resolve(name);
        String logPrefix = name.replaceFirst("\\.ipynb$", "") + ".run";
        try (var old = Files.newDirectoryStream(outputDir, logPrefix + "*.log")) {
            for (Path f : old) {
                Files.delete(f);   // logs of an earlier build: only this run's logs stay
            }
        }
        long start = System.nanoTime();
        String log = "";
        Outcome outcome = Outcome.OTHER_FAILURE;
        List<Outcome> runs = new ArrayList<>();
        int attempt = 0;
        while (attempt < ATTEMPTS) {
            attempt++;
            Files.deleteIfExists(executed);
            Path logFile = outputDir.resolve(logPrefix + attempt + ".log");
            List<String> command = new ArrayList<>(List.of(jupyter, "nbconvert", "--to", "notebook", "--execute",
                    "--output-dir", outputDir.toAbsolutePath().toString(),
                    "--ExecutePreprocessor.kernel_name=" + KERNEL_NAME,
                    "--ExecutePreprocessor.startup_timeout=" + STARTUP_TIMEOUT_SECONDS,
                    "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_SECONDS,
                    notebook.toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
            pb.environment().putAll(environment);
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(RUN_TIMEOUT_MINUTES);
            boolean starting = true;
            long shellBoundAt = -1;
            Outcome stoppedAs = null;
            String stopNote = null;
            while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (now > deadline) {
                    stoppedAs = Outcome.OTHER_FAILURE;
                    stopNote = "[nbconvert killed after " + RUN_TIMEOUT_MINUTES + " minutes]";
                } else if (starting) {
                    String sofar = read(logFile);
                    starting = !sofar.contains(EXECUTE_REQUEST);
                    if (shellBoundAt < 0 && sofar.contains(SHELL_BOUND)) {
                        shellBoundAt = now;
                    }
                    if (starting && startFailed(sofar)) {
                        stoppedAs = Outcome.KERNEL_START_FAILURE;
                        stopNote = "[the kernel's shell thread died at start; nbconvert stopped]";
                    } else if (starting && shellBoundAt >= 0 && !sofar.contains(SHELL_HANDLED)
                            && now - shellBoundAt > TimeUnit.SECONDS.toNanos(SILENT_START_SECONDS)) {
                        stoppedAs = Outcome.KERNEL_START_FAILURE;
                        stopNote = "[the kernel bound its shell socket but handled nothing for " + SILENT_START_SECONDS
                                + " s; nbconvert stopped]";
                    }
                }
                if (stoppedAs != null) {
                    kill(p);
                    break;
                }
            }
            log = read(logFile) + (stopNote == null ? "" : "\n" + stopNote + "\n");
            outcome = stoppedAs != null ? stoppedAs : classify(p.exitValue(), log);
            if (outcome == Outcome.SUCCESS && !Files.isRegularFile(executed)) {
                outcome = Outcome.OTHER_FAILURE;
                log += "\n[nbconvert exited with 0 but wrote no " + executed + "]";
            }
            runs.add(outcome);
            if (outcome != Outcome.KERNEL_START_FAILURE) {
                break;
            }
            System.err.printf("%s: the kernel did not start (run %d of %d), retrying%n", name, attempt, ATTEMPTS);
        }
        return new Result(outcome, runs, executed, log, seconds(start));
    }

    /**
     * Reads how an nbconvert run ended. A cell error is recognised by nbclient's exception names
     * and wins over everything else; a start failure by the messages nbclient and jupyter_client
     * give when the kernel does not answer its first request or dies before it.
     *
     * @param exitStatus nbconvert's exit status
     * @param log its output (standard output and error)
     * @return the outcome
     */
    static Outcome classify(int exitStatus, String log) {
        if (exitStatus == 0) {
            return Outcome.SUCCESS;
        }
        if (log.contains("CellExecutionError") || log.contains("CellTimeoutError")) {
            return Outcome.CELL_ERROR;
        }
        if (log.contains("Kernel didn't respond in") || log.contains("Kernel died before replying to kernel_info")
                || log.contains("Error occurred while starting new kernel client") || startFailed(log)) {
            return Outcome.KERNEL_START_FAILURE;
        }
        return Outcome.OTHER_FAILURE;
    }

    /**
     * @param log a run's output so far
     * @return whether the kernel's shell thread died before any cell was sent to it
     */
    static boolean startFailed(String log) {
        int died = log.indexOf(SHELL_THREAD_DIED);
        int firstCell = log.indexOf(EXECUTE_REQUEST);
        return died >= 0 && (firstCell < 0 || died < firstCell);
    }

    /**
     * @param log a run's output
     * @param maxChars at most this many characters
     * @return the end of the log, for failure messages
     */
    static String tail(String log, int maxChars) {
        return log.length() <= maxChars ? log : "[...]\n" + log.substring(log.length() - maxChars);
    }

    /** The log as far as it is written; a multi-byte character cut at the end is replaced, not an error. */
    private static String read(Path logFile) throws IOException {
        return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
    }

    /** Stops nbconvert and the kernel it started. */
    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
