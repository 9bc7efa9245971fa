package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qat4j.core.kernels.KernelOracles.between;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;
import org.qat4j.core.kernels.Conv2DPerChannelReference;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.FullyConnectedParams;
import org.qat4j.core.kernels.FullyConnectedReference;
import org.qat4j.core.kernels.KernelOracles;
import org.qat4j.core.kernels.OutputStage;
import org.qat4j.core.kernels.Window;

/** The GEMM-based kernels against the reference kernels: byte for byte, on random shapes. */
class FastKernelsTest {

  @Test
  void fullyConnectedEqualsTheReferenceOnRandomShapes() {
    for (Int8GemmVariant variant : TestVariants.available()) {
      for (int threads : new int[] {1, 2}) {
        try (Int8Gemm gemm = TestVariants.splittingEveryProduct(threads, variant)) {
          FullyConnectedFast fast = new FullyConnectedFast(gemm);
          SplittableRandom r = new SplittableRandom(11 + threads);
          for (int trial = 0; trial < 60; trial++) {
            int depth = trial % 10 == 0 ? between(r, 1025, 1500) : between(r, 1, 97); // sometimes K > 1024
            int outputs = between(r, 1, 41);
            int batches = trial % 3 == 0 ? 1 : between(r, 2, 19);
            byte[] weights = KernelOracles.bytes(r, outputs * depth, -127, 127);
            byte[] input = KernelOracles.bytes(r, batches * depth, -128, 127);
            int zeroPoint = between(r, -128, 127);
            int[] bias = bias(r, outputs);
            long maxAcc = maxAbsFullyConnected(weights, outputs, depth, input, batches, zeroPoint, bias);
            FullyConnectedParams p = new FullyConnectedParams(-zeroPoint, weights, outputs, depth,
                stage(r, outputs, maxAcc, bias));
            byte[] expected = new byte[batches * outputs];
            FullyConnectedReference.fullyConnected(p, batches, input, expected);
            byte[] actual = new byte[batches * outputs];
            fast.fullyConnected(p, batches, input, actual);
            assertArrayEquals(expected, actual, variant + ", " + threads + " threads, trial " + trial);
            assertSpread(expected, "trial " + trial);
          }
        }
      }
    }
  }

  @Test
  void convolutionEqualsTheReferenceOnRandomGeometry() {
    for (Int8GemmVariant variant : TestVariants.available()) {
      try (Int8Gemm gemm = TestVariants.splittingEveryProduct(2, variant)) {
        Conv2DFast fast = new Conv2DFast(gemm);
        SplittableRandom r = new SplittableRandom(23);
        int tested = 0;
        for (int trial = 0; tested < 150; trial++) {
          int kh = new int[] {1, 3, 5}[r.nextInt(3)];
          int kw = r.nextInt(4) == 0 ? new int[] {1, 3, 5}[r.nextInt(3)] : kh;
          int sh = between(r, 1, 2);
          int sw = r.nextBoolean() ? sh : between(r, 1, 2);
          int dh = r.nextInt(5) == 0 ? 2 : 1;
          int dw = r.nextInt(5) == 0 ? 2 : 1;
          int h = between(r, 1, 13);
          int w = between(r, 1, 13);
          int c = trial % 20 == 0 ? between(r, 114, 130) : between(r, 1, 7); // sometimes K > 1024
          int outC = between(r, 1, 19);
          int[] pad = paddings(r, trial % 3, kh, kw);
          int oh = KernelOracles.outSize(h, pad[0], pad[2], kh, sh, dh);
          int ow = KernelOracles.outSize(w, pad[1], pad[3], kw, sw, dw);
          if (oh == 0 || ow == 0) {
            continue;
          }
          int batches = trial % 4 == 0 ? 1 : between(r, 2, 5);
          byte[] filter = KernelOracles.bytes(r, outC * kh * kw * c, -127, 127);
          byte[] input = KernelOracles.bytes(r, batches * h * w * c, -128, 127);
          int zeroPoint = between(r, -128, 127);
          int[] bias = bias(r, outC);
          Window window = new Window(kh, kw, sh, sw, dh, dw, pad[0], pad[1]);
          ConvParams unscaled = new ConvParams(-zeroPoint, new FeatureMap(h, w, c), new FeatureMap(oh, ow, outC),
              window, filter, KernelOracles.stage(r, outC, 1, bias));
          long maxAcc = maxAbsConvolution(unscaled, batches, input);
          ConvParams p = new ConvParams(-zeroPoint, unscaled.input(), unscaled.output(), window, filter,
              stage(r, outC, maxAcc, bias));
          byte[] expected = new byte[batches * oh * ow * outC];
          Conv2DPerChannelReference.conv2D(p, batches, input, expected);
          byte[] actual = new byte[expected.length];
          fast.conv2D(p, batches, input, actual);
          assertArrayEquals(expected, actual, variant + ", trial " + trial + ": " + window + " " + p.input()
              + " -> " + p.output() + " x" + batches);
          assertSpread(expected, "trial " + trial);
          tested++;
        }
      }
    }
  }

  @Test
  void pointwiseConvolutionReadsTheInputDirectlyAndStillMatches() {
    SplittableRandom r = new SplittableRandom(5);
    try (Int8Gemm gemm = Int8Gemm.create(1)) {
      Conv2DFast fast = new Conv2DFast(gemm);
      for (int trial = 0; trial < 20; trial++) {
        int h = between(r, 1, 9);
        int w = between(r, 1, 9);
        int c = between(r, 1, 40);
        int outC = between(r, 1, 20);
        int batches = between(r, 1, 4);
        byte[] filter = KernelOracles.bytes(r, outC * c, -127, 127);
        byte[] input = KernelOracles.bytes(r, batches * h * w * c, -128, 127);
        ConvParams p = new ConvParams(-between(r, -128, 127), new FeatureMap(h, w, c), new FeatureMap(h, w, outC),
            new Window(1, 1, 1, 1, 1, 1, 0, 0), filter,
            KernelOracles.stage(r, outC, 127L * 255 * (long) Math.sqrt(c), bias(r, outC)));
        byte[] expected = new byte[batches * h * w * outC];
        Conv2DPerChannelReference.conv2D(p, batches, input, expected);
        byte[] actual = new byte[expected.length];
        fast.conv2D(p, batches, input, actual);
        assertArrayEquals(expected, actual, "trial " + trial);
      }
    }
  }

  @Test
  void extremesMatch() {
    // Every weight -127 or 127 and every input at the opposite end from the zero point: the
    // largest accumulators, and multipliers both tiny and near one.
    try (Int8Gemm gemm = Int8Gemm.create(1)) {
      FullyConnectedFast fast = new FullyConnectedFast(gemm);
      SplittableRandom r = new SplittableRandom(3);
      for (int zeroPoint : new int[] {-128, 127, 0}) {
        int depth = 2000;
        int outputs = 9;
        byte[] weights = new byte[outputs * depth];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = (byte) (i % 3 == 0 ? -127 : 127);
        }
        byte[] input = new byte[3 * depth];
        java.util.Arrays.fill(input, (byte) (zeroPoint < 0 ? 127 : -128));
        for (long scale : new long[] {1, 1000, 127L * 255 * depth}) {
          FullyConnectedParams p = new FullyConnectedParams(-zeroPoint, weights, outputs, depth,
              KernelOracles.stage(r, outputs, scale, bias(r, outputs)));
          byte[] expected = new byte[3 * outputs];
          FullyConnectedReference.fullyConnected(p, 3, input, expected);
          byte[] actual = new byte[3 * outputs];
          fast.fullyConnected(p, 3, input, actual);
          assertArrayEquals(expected, actual, "zero point " + zeroPoint + ", scale " + scale);
        }
      }
    }
  }

  @Test
  void weightsArePreparedOncePerOp() {
    SplittableRandom r = new SplittableRandom(8);
    try (Int8Gemm gemm = Int8Gemm.create(1)) {
      FullyConnectedFast fast = new FullyConnectedFast(gemm);
      FullyConnectedParams a = new FullyConnectedParams(0, KernelOracles.bytes(r, 12, -127, 127), 3, 4,
          KernelOracles.stage(r, 3, 1000, new int[3]));
      FullyConnectedParams b = new FullyConnectedParams(0, KernelOracles.bytes(r, 12, -127, 127), 3, 4,
          KernelOracles.stage(r, 3, 1000, new int[3]));
      byte[] out = new byte[6];
      fast.fullyConnected(a, 2, new byte[8], out);
      fast.fullyConnected(a, 1, new byte[4], out);
      assertEquals(1, fast.preparedOps());
      fast.fullyConnected(b, 2, new byte[8], out);
      assertEquals(2, fast.preparedOps());
    }
  }

  @Test
  void badBuffersAndEmptyBatchesBehaveAsTheReference() {
    SplittableRandom r = new SplittableRandom(9);
    FullyConnectedParams p = new FullyConnectedParams(0, KernelOracles.bytes(r, 12, -127, 127), 3, 4,
        KernelOracles.stage(r, 3, 1000, new int[3]));
    try (Int8Gemm gemm = Int8Gemm.create(1)) {
      FullyConnectedFast fast = new FullyConnectedFast(gemm);
      IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
          () -> FullyConnectedReference.fullyConnected(p, 2, new byte[7], new byte[6]));
      IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
          () -> fast.fullyConnected(p, 2, new byte[7], new byte[6]));
      assertEquals(expected.getMessage(), actual.getMessage());
      byte[] untouched = {1, 2, 3};
      fast.fullyConnected(p, 0, new byte[0], untouched);
      assertArrayEquals(new byte[] {1, 2, 3}, untouched);
    }
  }

  /**
   * Multipliers mapping the largest accumulator to 40-200 output steps, a zero point near the
   * middle and either no clamp or ReLU: outputs spread over the grid, so equality is meaningful.
   */
  private static OutputStage stage(SplittableRandom r, int channels, long maxAbsAcc, int[] bias) {
    int[] multipliers = new int[channels];
    int[] shifts = new int[channels];
    for (int c = 0; c < channels; c++) {
      QuantizedMultiplier q = FixedPoint.quantizeMultiplier((40 + r.nextDouble() * 160) / maxAbsAcc);
      multipliers[c] = q.multiplier();
      shifts[c] = q.shift();
    }
    int zeroPoint = between(r, -20, 20);
    return new OutputStage(zeroPoint, bias, multipliers, shifts, r.nextInt(3) == 0 ? zeroPoint : -128, 127);
  }

  private static int[] bias(SplittableRandom r, int n) {
    int[] bias = new int[n];
    for (int i = 0; i < n; i++) {
      bias[i] = between(r, -20000, 20000);
    }
    return bias;
  }

  /** VALID (mode 0), symmetric (mode 1) or random per side, often asymmetric (mode 2): top, left, bottom, right. */
  private static int[] paddings(SplittableRandom r, int mode, int kh, int kw) {
    if (mode == 0) {
      return new int[4];
    }
    if (mode == 1) {
      return new int[] {kh / 2, kw / 2, kh / 2, kw / 2};
    }
    return new int[] {between(r, 0, kh - 1), between(r, 0, kw - 1), between(r, 0, kh - 1), between(r, 0, kw - 1)};
  }

  /** Largest |bias + accumulator| of a fully connected layer, in long arithmetic. */
  private static long maxAbsFullyConnected(byte[] w, int outputs, int depth, byte[] x, int batches, int zeroPoint,
      int[] bias) {
    long max = 1;
    for (int b = 0; b < batches; b++) {
      for (int o = 0; o < outputs; o++) {
        long acc = bias[o];
        for (int k = 0; k < depth; k++) {
          acc += (long) w[o * depth + k] * (x[b * depth + k] - zeroPoint);
        }
        max = Math.max(max, Math.abs(acc));
      }
    }
    return max;
  }

  /** Largest |bias + accumulator| of a convolution, in long arithmetic, padding skipped. */
  private static long maxAbsConvolution(ConvParams p, int batches, byte[] input) {
    FeatureMap in = p.input();
    FeatureMap out = p.output();
    Window win = p.window();
    long max = 1;
    for (int b = 0; b < batches; b++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int o = 0; o < out.depth(); o++) {
            long acc = p.stage().bias()[o];
            for (int fy = 0; fy < win.filterHeight(); fy++) {
              int y = oy * win.strideHeight() - win.padTop() + fy * win.dilationHeight();
              for (int fx = 0; fx < win.filterWidth(); fx++) {
                int x = ox * win.strideWidth() - win.padLeft() + fx * win.dilationWidth();
                if (y < 0 || y >= in.height() || x < 0 || x >= in.width()) {
                  continue;
                }
                for (int c = 0; c < in.depth(); c++) {
                  long value = input[((b * in.height() + y) * in.width() + x) * in.depth() + c] + p.inputOffset();
                  long weight = p.filter()[((o * win.filterHeight() + fy) * win.filterWidth() + fx) * in.depth() + c];
                  acc += value * weight;
                }
              }
            }
            max = Math.max(max, Math.abs(acc));
          }
        }
      }
    }
    return max;
  }

  /** Outputs of a non-trivial size take several values: the comparison is not of saturated bytes. */
  private static void assertSpread(byte[] out, String message) {
    if (out.length < 40) {
      return;
    }
    BitSet seen = new BitSet(256);
    for (byte b : out) {
      seen.set(b + 128);
    }
    assertTrue(seen.cardinality() >= 5, message + ": only " + seen.cardinality() + " distinct outputs");
  }
}
