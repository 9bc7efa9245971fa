package org.qat4j.core.graph;

/** Element type of a graph tensor. */
public enum TensorType {
  /** float32: only the graph's input and output, at the quantizing and dequantizing edges. */
  FLOAT32,
  /** int8 container holding a signed integer of {@link Quantization#bits()} bits. */
  INT8
}
