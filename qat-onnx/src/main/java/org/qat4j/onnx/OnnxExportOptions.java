package org.qat4j.onnx;

import java.util.Objects;

/**
 * How {@link OnnxExporter} writes a model: which form, what the graph input and output carry, and
 * the opset.
 *
 * @param form the graph form (see {@link Form})
 * @param input what the graph input carries: float values (quantized by the first node) or the
 *     int8 values of the model's input quantization
 * @param output what the graph output carries: the dequantized float result or its int8 values
 * @param opset the ONNX default-domain opset, in [{@value #MIN_OPSET}, {@value #MAX_OPSET}]
 */
public record OnnxExportOptions(Form form, EdgeType input, EdgeType output, int opset) {

  /** Lowest opset: per-axis QuantizeLinear/DequantizeLinear (per-channel weights) came with opset 13. */
  public static final int MIN_OPSET = 13;

  /** Highest opset: the newest of ONNX 1.12, whose {@code onnx.proto} (IR version 8) the build compiles. */
  public static final int MAX_OPSET = 17;

  /** The default opset, the lowest: any ONNX runtime from 2020 on reads it. */
  public static final int DEFAULT_OPSET = MIN_OPSET;

  /** The shape of the exported graph. */
  public enum Form {
    /**
     * Operator-oriented: integer operators on int8 tensors (QuantizeLinear, QLinearConv,
     * MatMulInteger, MaxPool, int8 Clip, DequantizeLinear). What the int8 engine computes, op by op.
     */
    QOPERATOR,
    /**
     * Quantize-dequantize: a float graph (Conv, Gemm, pools) whose every int8 tensor passes through
     * QuantizeLinear then DequantizeLinear, weights and biases stored as integers behind
     * DequantizeLinear. Runtimes fuse the patterns into integer kernels; tools that know float
     * ops only can still read it.
     */
    QDQ,
    /**
     * Float: the same graph with dequantized weights ({@code q * scale}) and biases in float
     * Conv/Gemm/Relu/Clip/pool ops, no activation quantization. The float peer of the int8 model.
     */
    FLOAT
  }

  /** The element type of the graph input or output. */
  public enum EdgeType {
    /** float32 values. */
    FLOAT,
    /** int8 values on the tensor's quantization grid ({@code real = scale * (q - zero_point)}). */
    INT8
  }

  /** Validates the opset range and that the float form has float edges. */
  public OnnxExportOptions {
    Objects.requireNonNull(form, "form is null; use Form.QOPERATOR, QDQ or FLOAT");
    Objects.requireNonNull(input, "input is null; use EdgeType.FLOAT or INT8");
    Objects.requireNonNull(output, "output is null; use EdgeType.FLOAT or INT8");
    if (opset < MIN_OPSET || opset > MAX_OPSET) {
      throw new IllegalArgumentException("opset " + opset + " is outside [" + MIN_OPSET + ", " + MAX_OPSET
          + "]: per-channel weights need opset " + MIN_OPSET + ", and " + MAX_OPSET
          + " is the newest opset of the onnx.proto (ONNX 1.12) this build writes; pick one in that range");
    }
    if (form == Form.FLOAT && (input == EdgeType.INT8 || output == EdgeType.INT8)) {
      throw new IllegalArgumentException("the FLOAT form has no quantized tensors, so its " + (input == EdgeType.INT8
          ? "input" : "output") + " cannot be INT8; use EdgeType.FLOAT, or form QOPERATOR or QDQ for int8 edges");
    }
  }

  /** The QOperator form with float input and output, opset {@value #DEFAULT_OPSET}. */
  public static OnnxExportOptions defaults() {
    return new OnnxExportOptions(Form.QOPERATOR, EdgeType.FLOAT, EdgeType.FLOAT, DEFAULT_OPSET);
  }

  /** These options with another form. */
  public OnnxExportOptions withForm(Form newForm) {
    return new OnnxExportOptions(newForm, input, output, opset);
  }

  /** These options with another input type. */
  public OnnxExportOptions withInput(EdgeType newInput) {
    return new OnnxExportOptions(form, newInput, output, opset);
  }

  /** These options with another output type. */
  public OnnxExportOptions withOutput(EdgeType newOutput) {
    return new OnnxExportOptions(form, input, newOutput, opset);
  }

  /** These options with another opset. */
  public OnnxExportOptions withOpset(int newOpset) {
    return new OnnxExportOptions(form, input, output, newOpset);
  }
}
