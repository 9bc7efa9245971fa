package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * qat-core must work on a plain {@code java} command line, where {@code jdk.incubator.vector} is
 * not resolved: a fresh JVM without the flag runs {@link ScalarFallbackMain}, which must pick the
 * scalar kernel, refuse the vector one with advice, compute exact products, and never load the
 * class that references the Vector API (checked from the JVM's class-loading log).
 */
class ScalarFallbackForkedTest {

  @Test
  void plainJvmFallsBackToScalarWithoutLoadingVectorClasses() throws Exception {
    Path classes = Path.of("target", "classes").toAbsolutePath();
    Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
    assertTrue(Files.isDirectory(classes) && Files.isDirectory(testClasses),
        "run from the qat-core module directory after compiling; missing " + classes + " or " + testClasses);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(),
        "-Xlog:class+load=info", "-Xmx256m",
        "-cp", classes + File.pathSeparator + testClasses,
        ScalarFallbackMain.class.getName()));
    // Options from the environment could add the module back.
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "forked JVM did not finish");
    String log = new String(out, StandardCharsets.UTF_8);
    String report = "forked JVM output:\n" + tail(log);
    assertEquals(0, p.exitValue(), report);
    assertTrue(log.contains("module present: false"), report);
    assertTrue(log.contains("default variant: SCALAR"), report);
    assertTrue(log.contains("--add-modules jdk.incubator.vector"), report);
    assertTrue(log.contains("rows 37 exact: true"), report);
    // The log names classes as they load; the scalar kernel's presence shows the log works.
    assertTrue(log.contains("org.qat4j.core.kernels.fast.ScalarGemmKernel "), report);
    assertFalse(log.contains("org.qat4j.core.kernels.fast.VectorFloatGemmKernel "), report);
    assertFalse(log.contains("jdk.incubator.vector."), report);
  }

  private static String tail(String log) {
    StringBuilder sb = new StringBuilder();
    for (String line : log.split("\\R")) {
      if (!line.startsWith("[")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }
}
