package org.qat4j.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.bench.inference.BenchModel;
import org.qat4j.bench.inference.BenchModelFiles;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.runtime.Interpreter;

/**
 * The cold-start child runs with qat-core alone on its class path and prints the class the
 * engine computes in this JVM; the parent's parsing and percentiles.
 */
class ColdStartTest {

  @TempDir
  Path dir;

  @Test
  void childRunsWithQatCoreOnlyAndPrintsTheEnginesClass() throws Exception {
    Path model = BenchModelFiles.in(dir, BenchModel.MLP).ensureBuilt().int8Model();
    Path jar = ColdStart.writeFirstInferenceJar(dir.resolve("child.jar"));
    try (JarFile j = new JarFile(jar.toFile())) {
      assertEquals(List.of("org/qat4j/bench/coldstart/FirstInference.class"),
          j.stream().map(e -> e.getName()).toList());
    }
    // qat-core's classes as the build left them (its jar or target/classes): nothing else.
    Path core = Path.of(Interpreter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classPath = core + File.pathSeparator + jar;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Interpreter here = new Interpreter(IntegerModel.load(model));
    String expected = Integer.toString(here.predict(FirstInference.image(here.inputSize()))[0]);
    for (String kernels : List.of("reference", "fast")) {
      ColdStart.Launch launch = ColdStart.launch(java, new ColdStart.Variant(kernels, List.of(), kernels), classPath, model);
      assertEquals(expected, launch.fields().get("top1"), kernels);
      assertTrue(launch.toResultMillis() > 0 && launch.toResultMillis() <= launch.toExitMillis());
      assertTrue(launch.fields().containsKey("inference_us"), launch.fields().toString());
      assertEquals(System.getProperty("java.version"), launch.fields().get("java"));
      // The line printed after the result: which kernels, and when the fast ones were warm.
      assertTrue(launch.fields().get("kernels").startsWith(kernels), launch.fields().toString());
      assertEquals(kernels.equals("fast"), launch.fields().containsKey("fast_ready_us"), launch.fields().toString());
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ColdStart.launch(java,
        new ColdStart.Variant("bad", List.of(), "bad"), classPath, model));
    assertTrue(e.getMessage().contains("usage: FirstInference"), e.getMessage());
  }

  @Test
  void nearestRankPercentiles() {
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) {
      twenty[i] = i + 1;
    }
    assertEquals(10, ColdStart.nearestRank(twenty, 0.5));
    assertEquals(18, ColdStart.nearestRank(twenty, 0.9));
    assertEquals(20, ColdStart.nearestRank(twenty, 1.0));
    assertEquals(1, ColdStart.nearestRank(twenty, 0.0));
    assertEquals(7, ColdStart.nearestRank(new double[] {7}, 0.9));
  }

  @Test
  void parsesTheChildsLine() {
    assertEquals(Map.of("top1", "3", "kernels", "reference", "load_us", "120"),
        ColdStart.fields("top1=3 kernels=reference  load_us=120 stray"));
  }
}
