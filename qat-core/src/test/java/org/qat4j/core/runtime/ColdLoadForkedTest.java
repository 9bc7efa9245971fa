package org.qat4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a valid model and running it links no {@code invokedynamic} call site in qat-core: no
 * string concatenation on the success path, no lambda, no generated record method. In a fresh
 * JVM each such call site costs milliseconds to tens of milliseconds of bootstrapping the first
 * time, which a cold start to the first inference cannot afford. A forked JVM runs {@link ColdLoadMain} with the JDK's
 * linkage trace on; before its marker, no call site in qat-core may be linked, after it its own
 * concatenation must be (proving that the trace reports what it should).
 */
class ColdLoadForkedTest {

  @TempDir
  Path dir;

  @Test
  void loadingAndRunningAModelLinksNoCallSiteInQatCore() throws Exception {
    Path classes = Path.of("target", "classes").toAbsolutePath();
    Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
    assertTrue(Files.isDirectory(classes) && Files.isDirectory(testClasses),
        "run from the qat-core module directory after compiling; missing " + classes + " or " + testClasses);
    Path model = dir.resolve("small-cnn.qat4j");
    try (InputStream in = ColdLoadForkedTest.class.getResourceAsStream("/org/qat4j/core/format/small-cnn-v1.qat4j")) {
      assertTrue(in != null, "test resource small-cnn-v1.qat4j is missing");
      Files.write(model, in.readAllBytes());
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(),
        "-Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true", "-Xmx256m",
        "-cp", classes + File.pathSeparator + testClasses,
        ColdLoadMain.class.getName(), model.toString()));
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "forked JVM did not finish");
    String log = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);
    int marker = log.indexOf(ColdLoadMain.MARKER);
    assertTrue(marker >= 0, "no marker in:\n" + log);

    List<String> linkedBefore = new ArrayList<>();
    for (String line : log.substring(0, marker).split("\\R")) {
      if (line.startsWith("linkCallSite org.qat4j.")) {
        linkedBefore.add(line);
      }
    }
    assertEquals(List.of(), linkedBefore, "call sites linked while loading and running the model");
    assertTrue(log.substring(marker).contains("linkCallSite " + ColdLoadMain.class.getName() + " "),
        "the trace did not show the deliberate concatenation; is the trace property still supported?\n" + log);
  }
}
