package org.qat4j.core.graph;

import java.util.List;

/** Checks one op against the tensors it reads and writes; messages start with the op's index, name and kind. */
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
    String where = where(index, op);
    try {
      Tensor in = tensors.get(op.inputs().get(0));
      Tensor out = tensors.get(op.output());
      if (op instanceof QuantizeInput q) {
        require(in.id() == graphInput, "reads '" + in.name() + "'; it must read the graph input");
        requireInt8(out, "output");
        requireSameShape(in, out);
        requireClampWithin(q.clamp(), out);
      } else if (op instanceof DequantizeOutput) {
        requireInt8(in, "input");
        require(out.id() == graphOutput, "writes '" + out.name() + "'; it must write the graph output");
        requireSameShape(in, out);
      } else if (op instanceof Reshape) {
        requireInt8(in, "input");
        requireInt8(out, "output");
        require(in.shape().elementCount() == out.shape().elementCount(), "cannot reshape " + in.shape() + " ("
            + in.shape().elementCount() + " elements) to " + out.shape() + " (" + out.shape().elementCount() + ")");
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
      throw new InvalidGraphException(where + ": " + e.getMessage(), e);
    }
  }

  private void checkConv(Conv2D c, Tensor in, Tensor out) {
    requireInt8(in, "input");
    requireInt8(out, "output");
    require(in.shape().rank() == 3, "input shape " + in.shape() + " must be [H, W, C] (NHWC without batch)");
    Shape filter = c.filter().shape();
    require(filter.dim(3) == in.shape().dim(2), "filter " + filter + " expects " + filter.dim(3)
        + " input channels, input '" + in.name() + "' has " + in.shape().dim(2));
    Shape expected = c.window().outputShape(in.shape(), filter);
    require(expected.equals(out.shape()), "output shape " + out.shape() + " differs from " + expected
        + " computed from input " + in.shape() + ", filter " + filter + ", " + c.window());
    requireDerivedMultipliers(c.multipliers(), in, c.filter(), out);
    requireClampWithin(c.clamp(), out);
  }

  private void checkFullyConnected(FullyConnected f, Tensor in, Tensor out) {
    requireInt8(in, "input");
    requireInt8(out, "output");
    require(in.shape().rank() == 1, "input shape " + in.shape() + " must be a vector [K]; flatten it with a Reshape");
    Shape w = f.weights().shape();
    require(w.dim(1) == in.shape().dim(0), "weights " + w + " expect " + w.dim(1) + " inputs, input '" + in.name()
        + "' has " + in.shape().dim(0));
    require(out.shape().equals(Shape.of(w.dim(0))), "output shape " + out.shape() + " must be [" + w.dim(0) + "]");
    requireDerivedMultipliers(f.multipliers(), in, f.weights(), out);
    requireClampWithin(f.clamp(), out);
  }

  private void checkPool(PoolWindow window, ActivationClamp clamp, Tensor in, Tensor out) {
    requireInt8(in, "input");
    requireInt8(out, "output");
    require(in.shape().rank() == 3, "input shape " + in.shape() + " must be [H, W, C] (NHWC without batch)");
    Shape expected = window.outputShape(in.shape());
    require(expected.equals(out.shape()), "output shape " + out.shape() + " differs from " + expected
        + " computed from input " + in.shape() + " and " + window);
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
    require(t.type() == TensorType.INT8, role + " '" + t.name() + "' is " + t.type() + ", must be INT8");
  }

  private static void requireSameShape(Tensor in, Tensor out) {
    require(in.shape().equals(out.shape()), "input shape " + in.shape() + " and output shape " + out.shape()
        + " must be equal");
  }

  private static void requireSameQuantization(Tensor in, Tensor out) {
    require(in.quantization().equals(out.quantization()), "input quantization " + in.quantization()
        + " and output quantization " + out.quantization() + " must be equal (the op does not requantize)");
  }

  private static void requireClampWithin(ActivationClamp clamp, Tensor out) {
    Quantization q = out.quantization();
    require(clamp.within(q), "activation clamp [" + clamp.min() + ", " + clamp.max() + "] exceeds the "
        + q.bits() + "-bit grid [" + q.qmin() + ", " + q.qmax() + "] of output '" + out.name() + "'");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
