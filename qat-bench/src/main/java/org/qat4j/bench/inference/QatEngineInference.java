package org.qat4j.bench.inference;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.kernels.EdgeQuantizer;
import org.qat4j.core.kernels.fast.FastKernels;
import org.qat4j.core.kernels.fast.Int8Gemm;
import org.qat4j.core.kernels.fast.Int8GemmVariant;
import org.qat4j.core.runtime.Interpreter;

/**
 * qat4j's int8 engine end to end, on the exported model of each {@link BenchModel}: the
 * interpreter with the fast (Vector API) kernels on an {@link Int8Gemm} of {@code threads}
 * threads. JMH samples the time of single calls ({@link Mode#SampleTime}), so the result has the
 * mean (images per second = batch / mean) and percentiles.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class QatEngineInference {

  /** The interpreter, its kernels' threads and the input as floats and as int8. */
  @State(Scope.Thread)
  public static class Engine extends ModelInput {
    Int8Gemm gemm;
    Interpreter interpreter;
    byte[] quantizedImages;
    byte[] quantizedOutput;

    @Override
    protected void open() throws Exception {
      gemm = Int8Gemm.create(threads);
      if (gemm.variant() != Int8GemmVariant.VECTOR_FLOAT_FMA) {
        throw new IllegalStateException("the engine would run the " + gemm.variant() + " kernel: "
            + Int8Gemm.vectorApiStatus());
      }
      gemm.warmUp();
      IntegerModel int8 = IntegerModel.load(files.int8Model());
      interpreter = new Interpreter(int8, FastKernels.kernelSet(gemm), batch);
      quantizedImages = quantizeImages(int8, images);
      quantizedOutput = new byte[batch * interpreter.outputSize()];
      interpreter.run(images);
      interpreter.runQuantized(quantizedImages, batch, quantizedOutput);
    }

    @Override
    protected void close() {
      gemm.close();
    }
  }

  /**
   * The images on the model's input grid, as {@link Interpreter#run(float[])} quantizes them
   * before its first op (the benchmark models' input is 8-bit, so the grid is all of [-128, 127]).
   */
  static byte[] quantizeImages(IntegerModel model, float[] images) {
    Quantization q = model.inputQuantization();
    if (q.bits() != 8) {
      throw new IllegalArgumentException("the model's input has " + q.bits() + " bits; this benchmark quantizes to 8");
    }
    byte[] quantized = new byte[images.length];
    EdgeQuantizer.quantize(images, 0, quantized, 0, images.length, q.scale(), q.zeroPoint(), -128, 127);
    return quantized;
  }

  /**
   * Float in, float out, as a user calls it: quantize the images, run the integer graph,
   * dequantize the logits into a new array.
   */
  @Benchmark
  public float[] floatToFloat(Engine e) {
    return e.interpreter.run(e.images);
  }

  /** Int8 in, int8 out: the integer graph alone, into a reused output array. */
  @Benchmark
  public byte[] int8ToInt8(Engine e) {
    e.interpreter.runQuantized(e.quantizedImages, e.batch, e.quantizedOutput);
    return e.quantizedOutput;
  }
}
