package org.qat4j.core.graph;

import java.util.List;

/**
 * Checks one op against the tensors it reads and writes; messages start with the op's index, name
 * and kind. Messages are built only when a check fails: validation runs on every model load, and
 * at JVM start-up building strings that are never shown costs more than the checks themselves.
 */
final class OpValidator {

  private final List<Tensor> tensors;
  private final int graphInput;
  private final int graphOutput;

  OpValidator(List<Tensor> tensors, int graphInput, int graphOutput) {
    this.tensors = tensors;
    this.graphInput = graphInput;
    this.graphOutput = graphOutput;
  }

  static String where(int index, Op op) {
    return "op " + index + " '" + op.name() + "' (" + op.kind() + ")";
  }

  void check(int index, Op op) {
    try {
      Tensor in = tensors.get(op.inputs().get(0));
      Tensor out = tensors.get(op.output());
      if (op instanceof QuantizeInput q) {
        if (in.id() != graphInput) {
          throw new IllegalArgumentException("reads '" + in.name() + "'; it must read the graph input");
        }
        requireInt8(out, "output");
        requireSameShape(in, out);
        requireClampWithin(q.clamp(), out);
      } else if (op instanceof DequantizeOutput) {
        requireInt8(in, "input");
        if (out.id() != graphOutput) {
          throw new IllegalArgumentException("writes '" + out.name() + "'; it must write the graph output");
        }
        requireSameShape(in, out);
      } else if (op instanceof Reshape) {
        requireInt8(in, "input");
        requireInt8(out, "output");
        if (in.shape().elementCount() != out.shape().elementCount()) {
          throw new IllegalArgumentException("cannot reshape " + in.shape() + " (" + in.shape().elementCount()
              + " elements) to " + out.shape() + " (" + out.shape().elementCount() + ")");
        }
        requireSameQuantization(in, out);
      } else if (op instanceof Conv2D c) {
        checkConv(c, in, out);
      } else if (op instanceof FullyConnected f) {
        checkFullyConnected(f, in, out);
      } else if (op instanceof MaxPool2D p) {
        checkPool(p.window(), p.clamp(), in, out);
      } else if (op instanceof AveragePool2D p) {
        checkPool(p.window(), p.clamp(), in, out);
      } else {
        throw new AssertionError("unhandled op " + op);
      }
    } catch (InvalidGraphException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidGraphException(where(index, op) + ": " + e.getMessage(), e);
    }
  }

  private void checkConv(Conv2D c, Tensor in, Tensor out) {
    requireInt8(in, "input");
    requireInt8(out, "output");
    if (in.shape().rank() != 3) {
      throw new IllegalArgumentException("input shape " + in.shape() + " must be [H, W, C] (NHWC without batch)");
    }
    Shape filter = c.filter().shape();
    if (filter.dim(3) != in.shape().dim(2)) {
      throw new IllegalArgumentException("filter " + filter + " expects " + filter.dim(3) + " input channels, input '"
          + in.name() + "' has " + in.shape().dim(2));
    }
    Shape expected = c.window().outputShape(in.shape(), filter);
    if (!expected.equals(out.shape())) {
      throw new IllegalArgumentException("output shape " + out.shape() + " differs from " + expected
          + " computed from input " + in.shape() + ", filter " + filter + ", " + c.window());
    }
    requireDerivedMultipliers(c.multipliers(), in, c.filter(), out);
    requireClampWithin(c.clamp(), out);
  }

  private void checkFullyConnected(FullyConnected f, Tensor in, Tensor out) {
    requireInt8(in, "input");
    requireInt8(out, "output");
    if (in.shape().rank() != 1) {
      throw new IllegalArgumentException("input shape " + in.shape() + " must be a vector [K]; flatten it with a"
          + " Reshape");
    }
    Shape w = f.weights().shape();
    if (w.dim(1) != in.shape().dim(0)) {
      throw new IllegalArgumentException("weights " + w + " expect " + w.dim(1) + " inputs, input '" + in.name()
          + "' has " + in.shape().dim(0));
    }
    if (out.shape().rank() != 1 || out.shape().dim(0) != w.dim(0)) {
      throw new IllegalArgumentException("output shape " + out.shape() + " must be [" + w.dim(0) + "]");
    }
    requireDerivedMultipliers(f.multipliers(), in, f.weights(), out);
    requireClampWithin(f.clamp(), out);
  }

  private void checkPool(PoolWindow window, ActivationClamp clamp, Tensor in, Tensor out) {
    requireInt8(in, "input");
    requireInt8(out, "output");
    if (in.shape().rank() != 3) {
      throw new IllegalArgumentException("input shape " + in.shape() + " must be [H, W, C] (NHWC without batch)");
    }
    Shape expected = window.outputShape(in.shape());
    if (!expected.equals(out.shape())) {
      throw new IllegalArgumentException("output shape " + out.shape() + " differs from " + expected
          + " computed from input " + in.shape() + " and " + window);
    }
    requireSameQuantization(in, out);
    requireClampWithin(clamp, out);
  }

  private static void requireDerivedMultipliers(ChannelMultipliers stored, Tensor in, QuantizedWeights w, Tensor out) {
    ChannelMultipliers derived = ChannelMultipliers.derive(in.quantization().scale(), w, out.quantization().scale());
    if (!derived.equals(stored)) {
      for (int c = 0; c < derived.channels(); c++) {
        if (!derived.get(c).equals(stored.get(c))) {
          throw new IllegalArgumentException("channel " + c + " multiplier " + stored.get(c) + " differs from "
              + derived.get(c) + " derived from s_in * s_w / s_out = " + in.quantization().scale() + " * "
              + w.scale(c) + " / " + out.quantization().scale() + "; derive it with ChannelMultipliers.derive");
        }
      }
    }
  }

  private static void requireInt8(Tensor t, String role) {
    if (t.type() != TensorType.INT8) {
      throw new IllegalArgumentException(role + " '" + t.name() + "' is " + t.type() + ", must be INT8");
    }
  }

  private static void requireSameShape(Tensor in, Tensor out) {
    if (!in.shape().equals(out.shape())) {
      throw new IllegalArgumentException("input shape " + in.shape() + " and output shape " + out.shape()
          + " must be equal");
    }
  }

  private static void requireSameQuantization(Tensor in, Tensor out) {
    if (!in.quantization().equals(out.quantization())) {
      throw new IllegalArgumentException("input quantization " + in.quantization() + " and output quantization "
          + out.quantization() + " must be equal (the op does not requantize)");
    }
  }

  private static void requireClampWithin(ActivationClamp clamp, Tensor out) {
    Quantization q = out.quantization();
    if (!clamp.within(q)) {
      throw new IllegalArgumentException("activation clamp [" + clamp.min() + ", " + clamp.max() + "] exceeds the "
          + q.bits() + "-bit grid [" + q.qmin() + ", " + q.qmax() + "] of output '" + out.name() + "'");
    }
  }
}
