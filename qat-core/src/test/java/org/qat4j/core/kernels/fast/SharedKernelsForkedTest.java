package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shared fast set uses the Vector API kernel only where HotSpot's C2 compiles it: with C1
 * alone ({@code -XX:TieredStopAtLevel=1}, a usual start-up flag) the Vector API kernel would stay
 * about 10 times slower than the reference kernels, so the set warms up and switches to the
 * scalar kernel instead. Each case runs {@link SharedKernelsMain} in a fresh JVM.
 */
class SharedKernelsForkedTest {

  @Test
  void withC2TheSharedSetSwitchesToTheVectorApiKernel() throws Exception {
    Assumptions.assumeTrue(Int8GemmVariant.VECTOR_FLOAT_FMA.isAvailable(), "no Vector API in this JVM");
    String log = run(List.of("--add-modules", "jdk.incubator.vector"), "run");
    assertTrue(log.contains("optimizing compiler: true"), log);
    assertTrue(log.contains("shared variant: VECTOR_FLOAT_FMA"), log);
    assertTrue(log.contains("same as reference: true"), log);
  }

  @Test
  void withC1AloneTheSharedSetSwitchesToTheScalarKernel() throws Exception {
    String log = run(List.of("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1"), "run");
    assertTrue(log.contains("optimizing compiler: false"), log);
    assertTrue(log.contains("shared variant: SCALAR"), log);
    assertTrue(log.contains("same as reference: true"), log);
  }

  @Test
  void theInterpreterAloneHasNoOptimizingCompiler() throws Exception {
    String log = run(List.of("-Xint"), "flags-only");
    assertTrue(log.contains("optimizing compiler: false"), log);
  }

  @Test
  void c2WithoutTieredCompilationCounts() throws Exception {
    String log = run(List.of("-XX:-TieredCompilation"), "flags-only");
    assertTrue(log.contains("optimizing compiler: true"), log);
  }

  private static String run(List<String> flags, String mode) throws IOException, InterruptedException {
    Path classes = Path.of("target", "classes").toAbsolutePath();
    Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
    assertTrue(Files.isDirectory(classes) && Files.isDirectory(testClasses),
        "run from the qat-core module directory after compiling; missing " + classes + " or " + testClasses);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-Xmx256m", "-cp", classes + File.pathSeparator + testClasses,
        SharedKernelsMain.class.getName(), mode));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "forked JVM did not finish");
    String log = String.join(" ", command) + "\n" + new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);
    return log;
  }
}
