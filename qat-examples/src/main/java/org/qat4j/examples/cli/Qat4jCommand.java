package org.qat4j.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.qat4j.core.Qat4jVersion;
import org.qat4j.examples.pipeline.ConsoleOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qat4j} command: one entry point whose subcommands train, quantize, export,
 * evaluate and inspect models, and run the demo and the Fashion-MNIST study.
 *
 * <p>Exit statuses: 0 on success, 1 when the work fails (missing or corrupt file, missing data),
 * 2 for bad arguments; the reason is one line on standard error.
 */
@Command(
        name = "qat4j",
        mixinStandardHelpOptions = true,
        versionProvider = Qat4jCommand.Version.class,
        description = "Quantization-aware training for Deeplearning4j and an integer-only int8 engine.",
        footer = {"", "Start with: qat4j demo"},
        subcommands = {DemoCommand.class, TrainCommand.class, PtqCommand.class, QatCommand.class, ExportCommand.class,
                EvalCommand.class, InspectCommand.class, StudyCommand.class, Qat4jCommand.Info.class,
                CommandLine.HelpCommand.class})
public final class Qat4jCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final ConsoleOutput io;

    private Qat4jCommand(ConsoleOutput io) {
        this.io = io;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // Charts are drawn off screen; never try to open a display.
        System.setProperty("java.awt.headless", "true");
        System.exit(run(ConsoleOutput.system(), args));
    }

    /** Runs the command line on the standard streams and returns its exit status (0 on success). */
    public static int run(String... args) {
        return run(ConsoleOutput.system(), args);
    }

    /**
     * Runs the command line and returns its exit status, for tests and embedding.
     *
     * @param io where results and messages go
     * @param args the arguments
     * @return 0 on success, 1 if the work failed, 2 for bad arguments
     */
    public static int run(ConsoleOutput io, String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new Qat4jCommand(io));
        cl.setOut(io.out());
        cl.setErr(io.err());
        ErrorHandlers.install(cl);
        try {
            return cl.execute(args);
        } finally {
            io.out().flush();
            io.err().flush();
        }
    }

    /**
     * Runs the command line with output collected by the given writers (not a terminal).
     *
     * @param out results
     * @param err messages and progress
     * @param args the arguments
     * @return the exit status
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new ConsoleOutput(out, err, false), args);
    }

    /** @return where subcommands print */
    ConsoleOutput io() {
        return io;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(io.out());
        return 0;
    }

    /** Prints the versions and the platform that qat4j runs on. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print the qat4j version, the JVM and the platform.")
    static final class Info implements Callable<Integer> {

        @CommandLine.ParentCommand Qat4jCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.io().out();
            out.printf("qat4j   %s%n", Qat4jVersion.get());
            out.printf("java    %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name"));
            out.printf("os      %s %s, %d cores%n", System.getProperty("os.name"), System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors());
            boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            out.printf("vector  %s%n", vector ? "jdk.incubator.vector present" : "absent (scalar kernels)");
            return 0;
        }
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"qat4j " + Qat4jVersion.get()};
        }
    }
}
