package org.qat4j.core.kernels;

/**
 * Reference int8 2-D convolution with per-output-channel weights (TFLite {@code
 * reference_integer_ops::ConvPerChannel}), NHWC input and output, filter {@code [outC][kH][kW][inC]}.
 *
 * <p>Padding: taps that fall outside the image are skipped. That is the same as reading the input
 * zero point there, since {@code w * (zp_in - zp_in) = 0}: padding is real zero, exactly.
 */
public final class Conv2DPerChannelReference {

  private Conv2DPerChannelReference() {}

  /** See {@link Conv2DKernel#conv2D}. */
  public static void conv2D(ConvParams params, int batches, byte[] input, byte[] output) {
    final int inputOffset = params.inputOffset(); // r = s_in * (q + inputOffset): inputOffset = -zp_in
    final FeatureMap in = params.input();
    final FeatureMap out = params.output();
    final Window window = params.window();
    final byte[] filter = params.filter();
    final OutputStage stage = params.stage();
    final int inputHeight = in.height();
    final int inputWidth = in.width();
    final int inputDepth = in.depth();
    final int filterHeight = window.filterHeight();
    final int filterWidth = window.filterWidth();
    KernelChecks.checkBuffers(batches, input, in.size(), output, out.size());

    for (int batch = 0; batch < batches; batch++) {
      for (int outY = 0; outY < out.height(); outY++) {
        final int inYOrigin = outY * window.strideHeight() - window.padTop();
        for (int outX = 0; outX < out.width(); outX++) {
          final int inXOrigin = outX * window.strideWidth() - window.padLeft();
          for (int outChannel = 0; outChannel < out.depth(); outChannel++) {
            // |w| <= 127, |x + inputOffset| <= 255, at most kH*kW*inC products: exact in int32
            // under AccumulatorBound (A1), checked when the graph is validated.
            int acc = 0;
            for (int filterY = 0; filterY < filterHeight; filterY++) {
              final int inY = inYOrigin + window.dilationHeight() * filterY;
              for (int filterX = 0; filterX < filterWidth; filterX++) {
                final int inX = inXOrigin + window.dilationWidth() * filterX;
                if (inY < 0 || inY >= inputHeight || inX < 0 || inX >= inputWidth) {
                  continue; // padding: acts as zp_in, contributes w * 0
                }
                int inputIndex = ((batch * inputHeight + inY) * inputWidth + inX) * inputDepth;
                int filterIndex = ((outChannel * filterHeight + filterY) * filterWidth + filterX) * inputDepth;
                for (int inChannel = 0; inChannel < inputDepth; inChannel++) {
                  int inputValue = input[inputIndex + inChannel];
                  int filterValue = filter[filterIndex + inChannel];
                  acc += filterValue * (inputValue + inputOffset);
                }
              }
            }
            int outputIndex = ((batch * out.height() + outY) * out.width() + outX) * out.depth() + outChannel;
            output[outputIndex] = (byte) stage.apply(acc, outChannel);
          }
        }
      }
    }
  }
}
