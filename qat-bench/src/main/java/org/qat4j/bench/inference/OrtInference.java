package org.qat4j.bench.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.io.AtomicFiles;
import org.qat4j.onnx.OnnxExportOptions;
import org.qat4j.onnx.OnnxExportOptions.Form;
import org.qat4j.onnx.OnnxExporter;

/**
 * The third peer: ONNX Runtime for Java on the int8 model of each {@link BenchModel}, exported with
 * qat-onnx in its three forms, float in and float out as a user runs it: {@link Form#FLOAT} (the
 * dequantized weights in float ops: ONNX Runtime's float path), {@link Form#QDQ} and {@link
 * Form#QOPERATOR} (ONNX Runtime's int8 kernels). Same images, modes and iterations as {@link
 * QatEngineInference}.
 *
 * <p>Each session has {@code threads} intra-op threads (the calling thread included, as for the
 * engine) and one inter-op thread; everything else is ONNX Runtime's default (all graph
 * optimizations, spinning worker threads). The QDQ session also sets {@code
 * session.qdqisint8allowed = 1}: the bench models have 8-bit weights, and {@code docs/onnx.md}
 * tells users of the QDQ form with 8-bit weights on x86 without VNNI to set it, since ONNX
 * Runtime's default rewrites the activations to uint8 and its u8s8 kernels then saturate (up to 7
 * steps from the engine).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class OrtInference {

  /** Session option that keeps ONNX Runtime's QDQ fusion on int8 activations (see the class comment). */
  static final String QDQ_IS_INT8_ALLOWED = "session.qdqisint8allowed";

  /** One session per form on the same input tensor. */
  @State(Scope.Thread)
  public static class Sessions extends ModelInput {
    final Map<Form, OrtSession> sessions = new EnumMap<>(Form.class);
    OnnxTensor input;
    Map<String, OnnxTensor> inputs;

    @Override
    protected void open() throws Exception {
      IntegerModel int8 = IntegerModel.load(files.int8Model());
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), model.dl4jInputShape(batch));
      for (Form form : Form.values()) {
        OrtSession session = openSession(exportedModel(files, int8, form), form, threads);
        sessions.put(form, session);
        String name = inputName(session, model);
        if (inputs == null) {
          inputs = Map.of(name, input);
        } else if (!inputs.containsKey(name)) {
          throw new IllegalStateException("the " + form + " form's input is " + name + ", the others' "
              + inputs.keySet() + "; every form should be named after the engine's input tensor");
        }
        session.run(inputs).close();
      }
    }

    @Override
    protected void close() throws OrtException {
      for (OrtSession s : sessions.values()) {
        s.close();
      }
      sessions.clear();
      if (input != null) {
        input.close();
      }
    }
  }

  /**
   * The ONNX file of {@code int8} in {@code form}, next to the model's other files ({@code
   * lenet-r1-qdq.onnx}, ...). Exporting takes milliseconds, so it is exported every time and the
   * file rewritten (atomically, by {@link AtomicFiles#write}) only when its bytes differ: a changed
   * exporter never leaves a stale file behind.
   */
  static Path exportedModel(BenchModelFiles files, IntegerModel int8, Form form) throws IOException {
    String name = files.int8Model().getFileName().toString().replaceFirst("\\.qat4j$", "");
    Path target = files.int8Model().resolveSibling(name + "-" + form.name().toLowerCase(Locale.ROOT) + ".onnx");
    OnnxExportOptions options = OnnxExportOptions.defaults().withForm(form);
    byte[] bytes = OnnxExporter.export(int8, options);
    if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
      AtomicFiles.write(target, bytes);
    }
    return target;
  }

  /**
   * A session on {@code file} as the benchmark runs it: {@code threads} intra-op threads, one
   * inter-op thread, and for the QDQ form {@value #QDQ_IS_INT8_ALLOWED} = 1.
   */
  static OrtSession openSession(Path file, Form form, int threads) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      if (form == Form.QDQ) {
        options.addConfigEntry(QDQ_IS_INT8_ALLOWED, "1");
      }
      return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
    }
  }

  /**
   * The session's only input, after checking that it takes float values of {@code model}'s NCHW
   * shape with a free batch, as the exporter writes it ({@code [N, 1, 28, 28]} or {@code [N, 784]}).
   */
  static String inputName(OrtSession session, BenchModel model) throws OrtException {
    Map<String, NodeInfo> info = session.getInputInfo();
    if (info.size() != 1 || !(info.values().iterator().next().getInfo() instanceof TensorInfo tensor)) {
      throw new IllegalStateException("the exported model has inputs " + info + "; expected one tensor");
    }
    long[] expected = model.dl4jInputShape(1);
    expected[0] = -1;
    if (tensor.type != OnnxJavaType.FLOAT || !Arrays.equals(tensor.getShape(), expected)) {
      throw new IllegalStateException("the exported model's input is " + tensor.type + " " + Arrays.toString(
          tensor.getShape()) + "; the benchmark feeds FLOAT " + Arrays.toString(expected) + " (-1: the batch)");
    }
    return info.keySet().iterator().next();
  }

  /** The float form: ONNX Runtime's float kernels on the dequantized weights. */
  @Benchmark
  public void floatModel(Sessions s, Blackhole bh) throws OrtException {
    run(s.sessions.get(Form.FLOAT), s.inputs, bh);
  }

  /** The QDQ form, fused by ONNX Runtime into its int8 kernels. */
  @Benchmark
  public void int8Qdq(Sessions s, Blackhole bh) throws OrtException {
    run(s.sessions.get(Form.QDQ), s.inputs, bh);
  }

  /** The QOperator form: ONNX's integer operators. */
  @Benchmark
  public void int8QOperator(Sessions s, Blackhole bh) throws OrtException {
    run(s.sessions.get(Form.QOPERATOR), s.inputs, bh);
  }

  /** One call as a user makes it: run, copy the float output to the heap, close the result. */
  private static void run(OrtSession session, Map<String, OnnxTensor> inputs, Blackhole bh) throws OrtException {
    try (OrtSession.Result result = session.run(inputs)) {
      bh.consume(((OnnxTensor) result.get(0)).getFloatBuffer());
    }
  }
}
