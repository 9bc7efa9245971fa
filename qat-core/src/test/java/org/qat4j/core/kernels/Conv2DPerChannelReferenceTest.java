package org.qat4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qat4j.core.kernels.KernelOracles.between;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;

class Conv2DPerChannelReferenceTest {

  @Test
  void handComputedSamePaddingCountsPaddingAsRealZero() {
    // Real values 1..9 with zero point -3 (q = r - 3); a 3x3 filter of ones; M = 1; SAME padding.
    // Each output is the sum of the real values in its window; padding adds exactly 0.
    byte[] input = new byte[9];
    for (int i = 0; i < 9; i++) {
      input[i] = (byte) (i + 1 - 3);
    }
    byte[] filter = new byte[9];
    Arrays.fill(filter, (byte) 1);
    QuantizedMultiplier one = FixedPoint.quantizeMultiplier(1.0);
    OutputStage stage = new OutputStage(0, new int[1], new int[] {one.multiplier()}, new int[] {one.shift()}, -128, 127);
    ConvParams p = new ConvParams(3, new FeatureMap(3, 3, 1), new FeatureMap(3, 3, 1),
        new Window(3, 3, 1, 1, 1, 1, 1, 1), filter, stage);
    byte[] out = new byte[9];
    Conv2DPerChannelReference.conv2D(p, 1, input, out);
    assertArrayEquals(new byte[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, out);
  }

  @Test
  void matchesOracleOnRandomGeometry() {
    SplittableRandom r = new SplittableRandom(7);
    int tested = 0;
    for (int trial = 0; tested < 250; trial++) {
      int kh = new int[] {1, 3, 5}[r.nextInt(3)];
      int kw = r.nextInt(4) == 0 ? new int[] {1, 3, 5}[r.nextInt(3)] : kh;
      int sh = between(r, 1, 3);
      int sw = r.nextBoolean() ? sh : between(r, 1, 3);
      int dh = r.nextInt(4) == 0 ? 2 : 1;
      int dw = r.nextInt(4) == 0 ? 2 : 1;
      int h = between(r, 1, 11);
      int w = between(r, 1, 11);
      int c = trial % 25 == 0 ? between(r, 114, 130) : between(r, 1, 5); // sometimes K > 1024
      int outC = between(r, 1, 6);
      int[] pad = paddings(r, trial % 3, h, w, kh, kw, sh, sw, dh, dw);
      int oh = KernelOracles.outSize(h, pad[0], pad[2], kh, sh, dh);
      int ow = KernelOracles.outSize(w, pad[1], pad[3], kw, sw, dw);
      if (oh == 0 || ow == 0) {
        continue;
      }
      int batches = between(r, 1, 3);
      int bits = between(r, 2, 8);
      int wmax = (1 << (bits - 1)) - 1;
      byte[] filter = KernelOracles.bytes(r, outC * kh * kw * c, -wmax, wmax);
      byte[] input = KernelOracles.bytes(r, batches * h * w * c, -128, 127);
      int[] bias = new int[outC];
      for (int o = 0; o < outC; o++) {
        bias[o] = between(r, -5000, 5000);
      }
      long typical = (long) wmax * 128 * (long) Math.sqrt(kh * kw * c) + 1;
      ConvParams p = new ConvParams(-between(r, -128, 127), new FeatureMap(h, w, c), new FeatureMap(oh, ow, outC),
          new Window(kh, kw, sh, sw, dh, dw, pad[0], pad[1]), filter, KernelOracles.stage(r, outC, typical, bias));
      byte[] out = new byte[batches * oh * ow * outC];
      Conv2DPerChannelReference.conv2D(p, batches, input, out);
      assertArrayEquals(KernelOracles.conv2D(p, pad[2], pad[3], batches, input), out, "trial " + trial + ": " + p.window());
      tested++;
    }
  }

  /** VALID (mode 0), SAME as TFLite computes it (mode 1) or explicit random per side (mode 2). */
  private static int[] paddings(SplittableRandom r, int mode, int h, int w, int kh, int kw, int sh, int sw,
      int dh, int dw) {
    if (mode == 0) {
      return new int[4];
    }
    if (mode == 1) {
      int th = Math.max(0, ((h + sh - 1) / sh - 1) * sh + (kh - 1) * dh + 1 - h);
      int tw = Math.max(0, ((w + sw - 1) / sw - 1) * sw + (kw - 1) * dw + 1 - w);
      return new int[] {th / 2, tw / 2, th - th / 2, tw - tw / 2};
    }
    return new int[] {between(r, 0, kh), between(r, 0, kw), between(r, 0, kh), between(r, 0, kw)};
  }

  @Test
  void implicitPaddingEqualsExplicitZeroPointBorder() {
    // The kernel with padding == the same kernel, unpadded, on an input bordered with zp_in.
    SplittableRandom r = new SplittableRandom(99);
    for (int trial = 0; trial < 50; trial++) {
      int h = between(r, 2, 9);
      int w = between(r, 2, 9);
      int c = between(r, 1, 4);
      int k = new int[] {3, 5}[r.nextInt(2)];
      int pad = between(r, 1, k - 1);
      int zpIn = between(r, -128, 127);
      byte[] filter = KernelOracles.bytes(r, 2 * k * k * c, -127, 127);
      OutputStage stage = KernelOracles.stage(r, 2, 127L * 128 * k * 2, new int[2]);
      int oh = h + 2 * pad - k + 1;
      int ow = w + 2 * pad - k + 1;
      if (oh < 1 || ow < 1) {
        continue;
      }
      byte[] input = KernelOracles.bytes(r, h * w * c, -128, 127);
      ConvParams padded = new ConvParams(-zpIn, new FeatureMap(h, w, c), new FeatureMap(oh, ow, 2),
          new Window(k, k, 1, 1, 1, 1, pad, pad), filter, stage);
      int bh = h + 2 * pad;
      int bw = w + 2 * pad;
      byte[] bordered = new byte[bh * bw * c];
      Arrays.fill(bordered, (byte) zpIn);
      for (int y = 0; y < h; y++) {
        System.arraycopy(input, y * w * c, bordered, ((y + pad) * bw + pad) * c, w * c);
      }
      ConvParams valid = new ConvParams(-zpIn, new FeatureMap(bh, bw, c), new FeatureMap(oh, ow, 2),
          new Window(k, k, 1, 1, 1, 1, 0, 0), filter, stage);
      byte[] a = new byte[oh * ow * 2];
      byte[] b = new byte[oh * ow * 2];
      Conv2DPerChannelReference.conv2D(padded, 1, input, a);
      Conv2DPerChannelReference.conv2D(valid, 1, bordered, b);
      assertArrayEquals(b, a, "trial " + trial);
    }
  }

  @Test
  void zeroPointInputGivesTheRequantizedBiasAlone() {
    // Real-zero input: every product is w * 0, so out[c] = clamp(MBQM(bias[c]) + zp_out).
    QuantizedMultiplier m = FixedPoint.quantizeMultiplier(0.01);
    int[] bias = {-3000, 0, 1234, 5000};
    OutputStage stage = new OutputStage(7, bias, new int[] {m.multiplier(), m.multiplier(), m.multiplier(),
        m.multiplier()}, new int[] {m.shift(), m.shift(), m.shift(), m.shift()}, -128, 127);
    byte[] filter = KernelOracles.bytes(new SplittableRandom(1), 4 * 3 * 3 * 2, -127, 127);
    ConvParams p = new ConvParams(50, new FeatureMap(4, 4, 2), new FeatureMap(4, 4, 4),
        new Window(3, 3, 1, 1, 1, 1, 1, 1), filter, stage);
    byte[] input = new byte[32];
    Arrays.fill(input, (byte) -50);
    byte[] out = new byte[64];
    Conv2DPerChannelReference.conv2D(p, 1, input, out);
    for (int i = 0; i < 64; i++) {
      assertEquals(new int[] {-23, 7, 19, 57}[i % 4], out[i], "position " + i);
    }
  }
}
