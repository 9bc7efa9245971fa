package org.qat4j.onnx;

import org.qat4j.core.graph.AveragePool2D;
import org.qat4j.core.graph.Conv2D;
import org.qat4j.core.graph.FullyConnected;
import org.qat4j.core.graph.MaxPool2D;
import org.qat4j.core.graph.QuantizeInput;
import org.qat4j.core.graph.Tensor;

/**
 * One form's ONNX nodes for each engine op ({@link QOperatorLowering}, {@link QdqLowering},
 * {@link FloatLowering}). {@link GraphLowering} calls these in the engine graph's order and owns
 * the layout decisions they share; an implementation remembers which ONNX value holds each engine
 * tensor. {@code in} and {@code out} are the engine tensors the op reads and writes.
 */
interface FormLowering {

  /** The input edge: {@code graphInput} is the ONNX graph input, float or int8 per the options. */
  void quantizeInput(QuantizeInput op, String graphInput, Tensor out);

  /** A convolution; ONNX values are NCHW, weights go to OIHW. */
  void conv(Conv2D op, Tensor in, Tensor out);

  /**
   * A fully-connected layer; {@code columnOrder} maps each ONNX input position to the engine's
   * column, or is null when the input is in the engine's order.
   */
  void fullyConnected(FullyConnected op, Tensor in, Tensor out, int[] columnOrder);

  /** Max pooling. */
  void maxPool(MaxPool2D op, Tensor in, Tensor out);

  /** Average pooling. */
  void averagePool(AveragePool2D op, Tensor in, Tensor out);

  /** A reshape, following {@code plan}. */
  void reshape(Tensor in, Tensor out, ReshapePlan plan);

  /** The output edge: writes the already-claimed ONNX value {@code graphOutput}. */
  void dequantizeOutput(Tensor in, String graphOutput);
}
