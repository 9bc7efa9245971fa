package org.qat4j.onnx;

import org.qat4j.core.format.InputLayout;
import org.qat4j.core.format.IntegerModel;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.runtime.Interpreter;

/**
 * The int8 engine on the ONNX export's terms: NCHW batches in, int8 (or float) outputs in ONNX's
 * layout out, whatever the model's own input layout.
 */
final class Engine {

  private final IntegerModel model;
  private final Interpreter interpreter;
  private final Shape in;
  private final Shape out;
  private final boolean nhwcModel;

  Engine(IntegerModel model) {
    this.model = model;
    this.interpreter = new Interpreter(model);
    this.in = model.graph().input().shape();
    this.out = model.graph().output().shape();
    this.nhwcModel = model.metadata().inputLayout() == InputLayout.NHWC;
  }

  /** ONNX's input shape for {@code batch} examples. */
  long[] onnxInputShape(int batch) {
    return ReshapePlan.onnxDims(in, batch);
  }

  int inputSize() {
    return in.elementCount();
  }

  int outputSize() {
    return out.elementCount();
  }

  /** Float NCHW input, int8 outputs (the engine's float outputs mapped back to their integers). */
  byte[] int8Outputs(float[] nchw) {
    float[] real = interpreter.run(toModelLayout(nchw));
    Quantization q = model.graph().outputQuantization();
    byte[] ints = new byte[real.length];
    for (int i = 0; i < real.length; i++) {
      double step = Math.rint(real[i] / (double) q.scale()); // exact inverse of scale * (q - zp)
      int value = (int) step + q.zeroPoint();
      if ((float) q.dequantize(value) != real[i]) {
        throw new AssertionError("engine output " + real[i] + " is not on the output grid");
      }
      ints[i] = (byte) value;
    }
    return fromModelLayout(ints);
  }

  /** Float NCHW input, the engine's float outputs in ONNX's layout. */
  float[] floatOutputs(float[] nchw) {
    float[] real = interpreter.run(toModelLayout(nchw));
    if (!nhwcModel || out.rank() != 3) {
      return real;
    }
    float[] t = new float[real.length];
    Layout.nhwcToNchw(real, t, real.length / out.elementCount(), out.dim(0), out.dim(1), out.dim(2));
    return t;
  }

  /** Int8 NCHW input on the input grid, int8 outputs. */
  byte[] int8OutputsFromInt8(byte[] nchw) {
    byte[] x = nchw;
    if (nhwcModel && in.rank() == 3) {
      x = new byte[nchw.length];
      Layout.nchwToNhwc(nchw, x, nchw.length / in.elementCount(), in.dim(0), in.dim(1), in.dim(2));
    }
    return fromModelLayout(interpreter.runQuantized(x));
  }

  private float[] toModelLayout(float[] nchw) {
    if (!nhwcModel || in.rank() != 3) {
      return nchw;
    }
    float[] x = new float[nchw.length];
    Layout.nchwToNhwc(nchw, x, nchw.length / in.elementCount(), in.dim(0), in.dim(1), in.dim(2));
    return x;
  }

  private byte[] fromModelLayout(byte[] y) {
    if (!nhwcModel || out.rank() != 3) {
      return y;
    }
    byte[] t = new byte[y.length];
    Layout.nhwcToNchw(y, t, y.length / out.elementCount(), out.dim(0), out.dim(1), out.dim(2));
    return t;
  }
}
