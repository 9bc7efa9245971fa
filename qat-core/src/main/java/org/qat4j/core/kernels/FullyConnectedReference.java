package org.qat4j.core.kernels;

/**
 * Reference int8 fully-connected layer (TFLite {@code reference_integer_ops::FullyConnected}, with
 * per-channel multipliers as in {@code FullyConnectedPerChannel}).
 *
 * <p>{@code out[b][o] = clamp(MBQM(bias[o] + sum_k w[o][k] * (x[b][k] - zp_in), M[o]) + zp_out)}.
 * Weights are symmetric, so there is no weight offset term.
 */
public final class FullyConnectedReference {

  private FullyConnectedReference() {}

  /** See {@link FullyConnectedKernel#fullyConnected}. */
  public static void fullyConnected(FullyConnectedParams params, int batches, byte[] input, byte[] output) {
    final int inputOffset = params.inputOffset(); // r = s_in * (q + inputOffset): inputOffset = -zp_in
    final int outputDepth = params.outputDepth();
    final int accumulationDepth = params.accumulationDepth();
    final byte[] weights = params.weights();
    final OutputStage stage = params.output();
    KernelChecks.checkBuffers(batches, input, accumulationDepth, output, outputDepth);

    for (int b = 0; b < batches; b++) {
      for (int o = 0; o < outputDepth; o++) {
        // |w| <= 127, |x + inputOffset| <= 255: exact in int32 under AccumulatorBound (A1).
        int acc = 0;
        for (int k = 0; k < accumulationDepth; k++) {
          int inputValue = input[b * accumulationDepth + k];
          int weightValue = weights[o * accumulationDepth + k];
          acc += weightValue * (inputValue + inputOffset);
        }
        output[b * outputDepth + o] = (byte) stage.apply(acc, o);
      }
    }
  }
}
