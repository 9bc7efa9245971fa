package org.qat4j.core.graph;

import java.util.List;

/**
 * An operation of an {@link IntegerGraph}: reads tensors by id, writes one tensor by id. Ops are
 * immutable records whose constructors check everything that does not depend on other tensors;
 * the graph checks the rest when it is built or loaded.
 */
public sealed interface Op permits QuantizeInput, Conv2D, FullyConnected, MaxPool2D, AveragePool2D, Reshape,
    DequantizeOutput {

  /** Unique name; also the name of the tensor the op writes (except for the graph input). */
  String name();

  /** Ids of the tensors read, in operand order. */
  List<Integer> inputs();

  /** Id of the tensor written. */
  int output();

  /** The op kind as a short name for messages, e.g. "Conv2D". */
  default String kind() {
    return getClass().getSimpleName();
  }

  /** Checks the name and that tensor ids are non-negative, for the records' constructors. */
  static void checkHeader(String kind, String name, int input, int output) {
    GraphLimits.checkOpName(kind, name);
    if (input < 0 || output < 0) {
      throw new IllegalArgumentException(kind + " op '" + name + "': tensor ids " + input + " -> " + output
          + " must be non-negative");
    }
  }
}
