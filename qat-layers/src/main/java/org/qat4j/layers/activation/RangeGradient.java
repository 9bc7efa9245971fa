package org.qat4j.layers.activation;

/** How a fake-quant layer's range parameters receive gradients. */
public enum RangeGradient {
    /**
     * TensorFlow's {@code FakeQuantWithMinMaxVarsGradient} (PACT): dL/dmin is the sum of the
     * upstream gradient over inputs below the nudged range, dL/dmax over inputs above it; no
     * in-range term.
     */
    TF,
    /**
     * LSQ's step-size and zero-point gradients (with LSQ's gradient scale), mapped onto min and
     * max by the chain rule; see {@link org.qat4j.layers.fakequant.LsqRangeGradients}.
     */
    LSQ
}
