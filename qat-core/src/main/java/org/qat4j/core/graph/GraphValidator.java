package org.qat4j.core.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whole-graph validation: ids and names, definition before use, one writer per tensor, types and
 * shapes chaining through every op, quantization consistent with each op's arithmetic. Per-op
 * checks live in {@link OpValidator}.
 */
final class GraphValidator {

  private GraphValidator() {}

  static void validate(List<Tensor> tensors, List<Op> ops, int input, int output) {
    if (tensors.isEmpty() || tensors.size() > GraphLimits.MAX_TENSORS) {
      throw new InvalidGraphException("graph has " + tensors.size() + " tensors; 1 to " + GraphLimits.MAX_TENSORS
          + " are allowed");
    }
    if (ops.size() < 2 || ops.size() > GraphLimits.MAX_OPS) {
      throw new InvalidGraphException("graph has " + ops.size() + " ops; 2 (QuantizeInput, DequantizeOutput) to "
          + GraphLimits.MAX_OPS + " are allowed");
    }
    checkTensors(tensors);
    checkEdge("input", tensors, input);
    checkEdge("output", tensors, output);
    if (input == output) {
      throw new InvalidGraphException("graph input and output are the same tensor " + input);
    }
    checkDataflow(tensors, ops, input, output);
    OpValidator opValidator = new OpValidator(tensors, input, output);
    for (int i = 0; i < ops.size(); i++) {
      opValidator.check(i, ops.get(i));
    }
  }

  private static void checkTensors(List<Tensor> tensors) {
    Set<String> names = new HashSet<>();
    long totalElements = 0;
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      if (t.id() != i) {
        throw new InvalidGraphException("tensor '" + t.name() + "' at index " + i + " has id " + t.id()
            + "; ids must equal list positions");
      }
      if (!names.add(t.name())) {
        throw new InvalidGraphException("tensor name '" + t.name() + "' is used twice; names must be unique");
      }
      totalElements += t.shape().elementCount();
    }
    if (totalElements > GraphLimits.MAX_TOTAL_ELEMENTS) {
      throw new InvalidGraphException("tensors hold " + totalElements + " elements per example in total, more than "
          + GraphLimits.MAX_TOTAL_ELEMENTS);
    }
  }

  private static void checkEdge(String which, List<Tensor> tensors, int id) {
    if (id < 0 || id >= tensors.size()) {
      throw new InvalidGraphException("graph " + which + " tensor id " + id + " is outside [0, " + tensors.size() + ")");
    }
    if (tensors.get(id).type() != TensorType.FLOAT32) {
      throw new InvalidGraphException("graph " + which + " '" + tensors.get(id).name() + "' must be FLOAT32, is "
          + tensors.get(id).type() + "; the graph quantizes and dequantizes at its edges");
    }
  }

  private static void checkDataflow(List<Tensor> tensors, List<Op> ops, int input, int output) {
    boolean[] defined = new boolean[tensors.size()];
    defined[input] = true;
    Set<String> opNames = new HashSet<>();
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (!opNames.add(op.name())) {
        throw new InvalidGraphException(OpValidator.where(i, op) + ": op name is used twice; names must be unique");
      }
      for (int in : op.inputs()) {
        if (in >= tensors.size()) {
          throw new InvalidGraphException(OpValidator.where(i, op) + ": reads tensor id " + in + ", outside [0, "
              + tensors.size() + ")");
        }
        if (!defined[in]) {
          throw new InvalidGraphException(OpValidator.where(i, op) + ": reads tensor '" + tensors.get(in).name()
              + "' before any op writes it; order ops so that every tensor is written before it is read");
        }
      }
      int out = op.output();
      if (out >= tensors.size()) {
        throw new InvalidGraphException(OpValidator.where(i, op) + ": writes tensor id " + out + ", outside [0, "
            + tensors.size() + ")");
      }
      if (defined[out]) {
        throw new InvalidGraphException(OpValidator.where(i, op) + ": writes tensor '" + tensors.get(out).name()
            + "', which is the graph input or already written; every tensor has one writer");
      }
      defined[out] = true;
    }
    for (int t = 0; t < defined.length; t++) {
      if (!defined[t]) {
        throw new InvalidGraphException("tensor '" + tensors.get(t).name()
            + "' is neither the graph input nor written by any op; remove it");
      }
    }
  }
}
