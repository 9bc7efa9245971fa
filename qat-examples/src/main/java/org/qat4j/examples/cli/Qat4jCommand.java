package org.qat4j.examples.cli;

import java.util.concurrent.Callable;
import org.qat4j.core.Qat4jVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qat4j} command: one entry point whose subcommands train, quantize, export,
 * evaluate and inspect models.
 */
@Command(
    name = "qat4j",
    mixinStandardHelpOptions = true,
    versionProvider = Qat4jCommand.Version.class,
    description = "Quantization-aware training for Deeplearning4j and an integer-only int8 engine.",
    subcommands = {Qat4jCommand.Info.class, CommandLine.HelpCommand.class})
public final class Qat4jCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (0 on success), for tests and embedding. */
  public static int run(String... args) {
    return new CommandLine(new Qat4jCommand()).execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }

  /** Prints the versions and the platform that qat4j runs on. */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Print the qat4j version, the JVM and the platform.")
  static final class Info implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.printf("qat4j   %s%n", Qat4jVersion.get());
      System.out.printf("java    %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name"));
      System.out.printf("os      %s %s, %d cores%n", System.getProperty("os.name"), System.getProperty("os.arch"),
          Runtime.getRuntime().availableProcessors());
      boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
      System.out.printf("vector  %s%n", vector ? "jdk.incubator.vector present" : "absent (scalar kernels)");
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
