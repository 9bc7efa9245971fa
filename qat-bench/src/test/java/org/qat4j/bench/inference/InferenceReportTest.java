package org.qat4j.bench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on a hand-made JMH CSV in the format JMH 1.37 writes for sample mode. */
class InferenceReportTest {

  private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
      + "\"Score Error (99.9%)\",\"Unit\",\"Param: batch\",\"Param: model\",\"Param: threads\"";

  /** A primary line and its p0.50 and p0.99 lines (JMH writes more percentiles; they are ignored). */
  private static List<String> runtime(String method, String unit, double mean, double p50, double p99, int batch,
      String model, int threads) {
    String name = "\"org.qat4j.bench.inference." + method;
    String params = ",\"" + unit + "\"," + batch + "," + model + "," + threads;
    return List.of(
        name + "\",\"sample\",1,1000," + mean + ",1.5" + params,
        name + ":p0.00\",\"sample\",1,1," + p50 / 2 + ",NaN" + params,
        name + ":p0.50\",\"sample\",1,1," + p50 + ",NaN" + params,
        name + ":p0.99\",\"sample\",1,1," + p99 + ",NaN" + params);
  }

  private static List<String> csv(List<List<String>> runtimes) {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    runtimes.forEach(lines::addAll);
    return lines;
  }

  @Test
  void imagesPerSecondPercentilesAndRatios() {
    List<InferenceReport.Result> results = InferenceReport.parse(csv(List.of(
        runtime("QatEngineInference.floatToFloat", "us/op", 2000.0, 1900.0, 2500.0, 64, "LENET", 1),
        runtime("Dl4jInference.output", "ms/op", 64.0, 60.0, 80.0, 64, "LENET", 1))));
    assertEquals(2, results.size());
    InferenceReport.Result dl4j = results.get(0); // the baseline sorts first
    InferenceReport.Result engine = results.get(1);
    assertEquals("Dl4jInference.output", dl4j.runtime());
    assertEquals(64_000.0, dl4j.meanMicros(), 1e-9);
    assertEquals(60_000.0, dl4j.p50Micros(), 1e-9);
    assertEquals(80_000.0, dl4j.p99Micros(), 1e-9);
    assertEquals(1000.0, dl4j.imagesPerSecond(), 1e-9);
    assertEquals(32_000.0, engine.imagesPerSecond(), 1e-9);
    assertEquals(1000, engine.samples());

    String table = InferenceReport.table(results);
    assertTrue(table.contains("| LENET | 64 | 1 | QatEngineInference.floatToFloat | 32,000 | 2,000.0 ± 1.5 | 1,900.0 | 2,500.0"
        + " | 32.00x | 31.58x |"), table);
    assertTrue(table.contains("| LENET | 64 | 1 | Dl4jInference.output | 1,000 | 64,000.0 ± 1,500.0 | 60,000.0 | 80,000.0"
        + " | 1.00x | 1.00x |"), table);
    assertTrue(InferenceReport.targets(results).contains("batch 64, 1 thread: 32.00x (target >= 3x): met"));
  }

  @Test
  void missedTargetsAreSaidSo() {
    List<InferenceReport.Result> results = InferenceReport.parse(csv(List.of(
        runtime("QatEngineInference.floatToFloat", "us/op", 500.0, 450.0, 900.0, 1, "LENET", 2),
        runtime("Dl4jInference.output", "us/op", 4000.0, 3000.0, 9000.0, 1, "LENET", 2),
        runtime("QatEngineInference.floatToFloat", "us/op", 10.0, 10.0, 10.0, 1, "MLP", 2),
        runtime("Dl4jInference.output", "us/op", 1000.0, 1000.0, 1000.0, 1, "MLP", 2))));
    String targets = InferenceReport.targets(results);
    assertTrue(targets.contains("batch 1, 2 threads: 8.00x (target >= 10x): MISSED"), targets);
    assertEquals(2, targets.lines().count(), "the MLP has no target: " + targets);
  }

  @Test
  void engineAgainstEachOnnxRuntimeFormAndTheBatch1Target() {
    List<InferenceReport.Result> results = InferenceReport.parse(csv(List.of(
        runtime("QatEngineInference.floatToFloat", "us/op", 400.0, 300.0, 900.0, 1, "LENET", 1),
        runtime("OrtInference.floatModel", "us/op", 800.0, 900.0, 1000.0, 1, "LENET", 1),
        runtime("OrtInference.int8Qdq", "us/op", 500.0, 600.0, 1000.0, 1, "LENET", 1),
        runtime("OrtInference.int8QOperator", "us/op", 200.0, 150.0, 1000.0, 1, "LENET", 1),
        runtime("QatEngineInference.floatToFloat", "us/op", 100.0, 100.0, 100.0, 1, "MLP", 2),
        runtime("OrtInference.int8Qdq", "us/op", 125.0, 50.0, 100.0, 1, "MLP", 2),
        runtime("QatEngineInference.floatToFloat", "us/op", 6400.0, 6400.0, 6400.0, 64, "MLP", 2),
        runtime("OrtInference.int8Qdq", "us/op", 3200.0, 3200.0, 3200.0, 64, "MLP", 2))));
    String table = InferenceReport.versusOrt(results);
    assertTrue(table.contains("| LENET | 1 | 1 | 2,500 | 2.00x (3.00x) | 1.25x (2.00x) | 0.50x (0.50x) |"), table);
    assertTrue(table.contains("| MLP | 1 | 2 | 10,000 | - | 1.25x (0.50x) | - |"), table);
    assertTrue(table.contains("| MLP | 64 | 2 | 10,000 | - | 0.50x (0.50x) | - |"), table);

    // Against the faster int8 form (QOperator here, not QDQ), at batch 1 only.
    String targets = InferenceReport.ortTargets(results);
    assertTrue(targets.contains("- LENET, 1 thread: 0.50x over OrtInference.int8QOperator (target >= 1x): MISSED"),
        targets);
    assertTrue(targets.contains("- MLP, 2 threads: 1.25x over OrtInference.int8Qdq (target >= 1x): met"), targets);
    assertEquals(3, targets.lines().count(), "batch 64 has no target: " + targets);
  }

  @Test
  void withoutOnnxRuntimeResultsTheOrtSectionsSaySo() {
    List<InferenceReport.Result> results = InferenceReport.parse(csv(List.of(
        runtime("QatEngineInference.floatToFloat", "us/op", 10.0, 10.0, 10.0, 1, "MLP", 2))));
    assertTrue(InferenceReport.versusOrt(results).contains("(no parameter set with both"));
    assertTrue(InferenceReport.ortTargets(results).contains("- no batch-1 result with both"));
  }

  @Test
  void aRuntimeWithoutThePeerHasNoRatio() {
    List<InferenceReport.Result> results = InferenceReport.parse(csv(List.of(
        runtime("QatEngineInference.int8ToInt8", "ns/op", 50_000.0, 40_000.0, 90_000.0, 1, "MLP", 1))));
    assertEquals(50.0, results.get(0).meanMicros(), 1e-9);
    assertTrue(InferenceReport.table(results).contains("| 50.0 ± 0.0 | 40.0 | 90.0 | - | - |"),
        InferenceReport.table(results));
  }

  @Test
  void rejectsOtherModesAndMissingPercentiles() {
    List<String> throughput = new ArrayList<>(csv(List.of(
        runtime("Dl4jInference.output", "us/op", 1.0, 1.0, 1.0, 1, "MLP", 1))));
    throughput.set(1, throughput.get(1).replace("\"sample\"", "\"thrpt\""));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceReport.parse(throughput));
    assertTrue(e.getMessage().contains("mode thrpt"), e.getMessage());

    List<String> noP99 = new ArrayList<>(csv(List.of(
        runtime("Dl4jInference.output", "us/op", 1.0, 1.0, 1.0, 1, "MLP", 1))));
    noP99.remove(4);
    e = assertThrows(IllegalArgumentException.class, () -> InferenceReport.parse(noP99));
    assertTrue(e.getMessage().contains("no p0.99 line"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> InferenceReport.parse(List.of("\"Benchmark\",\"Mode\",\"Score\"")));
    assertTrue(e.getMessage().contains("no column 'Samples'"), e.getMessage());
  }
}
