package org.qat4j.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qat4j.onnx.proto.Onnx.ModelProto;
import org.qat4j.onnx.proto.Onnx.NodeProto;

/**
 * An exported model loaded in ONNX Runtime, run on flat batches. One intra-op thread, so that
 * tests share the machine's cores politely and results do not depend on thread scheduling.
 */
final class OrtModel implements AutoCloseable {

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final String inputName;

  private OrtModel(OrtSession session) throws OrtException {
    this.session = session;
    this.inputName = session.getInputNames().iterator().next();
  }

  /** Loads with ONNX Runtime's default optimizations (all), as a user gets them. */
  static OrtModel load(byte[] model) throws OrtException {
    return load(model, OrtSession.SessionOptions.OptLevel.ALL_OPT);
  }

  /** Loads with the given graph optimization level. */
  static OrtModel load(byte[] model, OrtSession.SessionOptions.OptLevel level) throws OrtException {
    return load(model, level, Map.of());
  }

  /** Loads with the given graph optimization level and session configuration entries. */
  static OrtModel load(byte[] model, OrtSession.SessionOptions.OptLevel level, Map<String, String> config)
      throws OrtException {
    try (OrtSession.SessionOptions options = options(level)) {
      for (Map.Entry<String, String> e : config.entrySet()) {
        options.addConfigEntry(e.getKey(), e.getValue());
      }
      return new OrtModel(OrtEnvironment.getEnvironment().createSession(model, options));
    }
  }

  private static OrtSession.SessionOptions options(OrtSession.SessionOptions.OptLevel level) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    options.setOptimizationLevel(level);
    return options;
  }

  /**
   * The op types ONNX Runtime runs after its graph optimizations ("domain:op" for other domains),
   * read back from the optimized model it saves.
   */
  static List<String> optimizedOps(byte[] model, Path dir) throws Exception {
    Path file = Files.createTempFile(dir, "optimized", ".onnx");
    try (OrtSession.SessionOptions options = options(OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
      options.setOptimizedModelFilePath(file.toString());
      OrtEnvironment.getEnvironment().createSession(model, options).close();
    }
    List<String> ops = new ArrayList<>();
    for (NodeProto n : ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().getNodeList()) {
      ops.add(n.getDomain().isEmpty() ? n.getOpType() : n.getDomain() + ":" + n.getOpType());
    }
    return ops;
  }

  /** Runs float input of the given shape (batch first); returns the output flattened. */
  Object run(float[] input, long[] shape) throws OrtException {
    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
      return run(x);
    }
  }

  /** Runs int8 input of the given shape (batch first); returns the output flattened. */
  Object run(byte[] input, long[] shape) throws OrtException {
    try (OnnxTensor x = OnnxTensor.createTensor(env, ByteBuffer.wrap(input), shape, OnnxJavaType.INT8)) {
      return run(x);
    }
  }

  private Object run(OnnxTensor x) throws OrtException {
    try (OrtSession.Result r = session.run(Map.of(inputName, x))) {
      OnnxTensor y = (OnnxTensor) r.get(0);
      if (y.getInfo().type == OnnxJavaType.FLOAT) {
        FloatBuffer b = y.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
      }
      ByteBuffer b = y.getByteBuffer();
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
