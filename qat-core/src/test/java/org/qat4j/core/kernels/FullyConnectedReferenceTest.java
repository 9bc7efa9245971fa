package org.qat4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qat4j.core.kernels.KernelOracles.between;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;

class FullyConnectedReferenceTest {

  @Test
  void handComputedCaseShowsDoubleRoundingAndSaturation() {
    // zp_in = 3, so x - zp_in = [2, -4, 7]. M = 0.25 = (2^30, shift -1).
    QuantizedMultiplier quarter = FixedPoint.quantizeMultiplier(0.25);
    assertEquals(new QuantizedMultiplier(1 << 30, -1), quarter);
    byte[] weights = {1, -2, 3, 127, -127, 0};
    OutputStage stage = new OutputStage(-5, new int[] {10, -2}, new int[] {quarter.multiplier(), quarter.multiplier()},
        new int[] {quarter.shift(), quarter.shift()}, -128, 127);
    FullyConnectedParams p = new FullyConnectedParams(-3, weights, 2, 3, stage);
    byte[] out = new byte[2];
    FullyConnectedReference.fullyConnected(p, 1, new byte[] {5, -1, 10}, out);
    // Channel 0: 2 + 8 + 21 + bias 10 = 41; SRDHM(41, 2^30) = round(20.5) = 21 (ties up), then
    // RDBPOT(21, 1) = round(10.5) = 11 (ties away): 11, although 41 * 0.25 = 10.25. Plus zp -5: 6.
    // Channel 1: 254 + 508 + 0 - 2 = 760 -> 190, plus -5 = 185, saturated to 127.
    assertArrayEquals(new byte[] {6, 127}, out);
  }

  @Test
  void matchesOracleOnRandomShapesIncludingLongRows() {
    SplittableRandom r = new SplittableRandom(20240601);
    for (int trial = 0; trial < 300; trial++) {
      int batches = between(r, 1, 4);
      int k = trial % 10 == 0 ? between(r, 1025, 3000) : between(r, 1, 67);
      int outDepth = between(r, 1, 19);
      int bits = between(r, 2, 8);
      int wmax = (1 << (bits - 1)) - 1;
      byte[] weights = KernelOracles.bytes(r, outDepth * k, -wmax, wmax);
      byte[] input = KernelOracles.bytes(r, batches * k, -128, 127);
      int zpIn = between(r, -128, 127);
      int[] bias = new int[outDepth];
      for (int o = 0; o < outDepth; o++) {
        bias[o] = between(r, -2000, 2000) * (r.nextBoolean() ? 1 : 30);
      }
      long maxAbs = (long) wmax * 128 * (long) Math.sqrt(k) + 1;
      FullyConnectedParams p = new FullyConnectedParams(-zpIn, weights, outDepth, k,
          KernelOracles.stage(r, outDepth, maxAbs, bias));
      byte[] out = new byte[batches * outDepth + between(r, 0, 3)]; // buffers may be longer
      FullyConnectedReference.fullyConnected(p, batches, input, out);
      assertArrayEquals(KernelOracles.fullyConnected(p, batches, input), Arrays.copyOf(out, batches * outDepth), "trial " + trial);
    }
  }

  @Test
  void accumulatorAtTheDocumentedBoundIsExact() {
    int k = AccumulatorBound.MAX_DEPTH; // 66,311 products of magnitude 127 * 255
    byte[] weights = new byte[2 * k];
    Arrays.fill(weights, 0, k, (byte) 127);
    Arrays.fill(weights, k, 2 * k, (byte) -127);
    byte[] input = new byte[k];
    Arrays.fill(input, (byte) 127);
    QuantizedMultiplier m = FixedPoint.quantizeMultiplier(100.0 / 2147481735.0);
    OutputStage stage = new OutputStage(0, new int[2], new int[] {m.multiplier(), m.multiplier()},
        new int[] {m.shift(), m.shift()}, -128, 127);
    FullyConnectedParams p = new FullyConnectedParams(128, weights, 2, k, stage); // zp_in = -128: x - zp = 255
    assertEquals(2147481735L, (long) k * 127 * 255, "the bound leaves 1,912 below 2^31 - 1");
    byte[] out = new byte[2];
    FullyConnectedReference.fullyConnected(p, 1, input, out);
    assertArrayEquals(KernelOracles.fullyConnected(p, 1, input), out);
    assertArrayEquals(new byte[] {100, -100}, out);
  }

  @Test
  void reluAndRelu6ClampsBoundTheOutput() {
    QuantizedMultiplier one = FixedPoint.quantizeMultiplier(1.0);
    byte[] weights = {1};
    for (int[] clamp : new int[][] {{-20, 127}, {-20, 40}}) {
      OutputStage stage = new OutputStage(-20, new int[1], new int[] {one.multiplier()}, new int[] {one.shift()},
          clamp[0], clamp[1]);
      FullyConnectedParams p = new FullyConnectedParams(0, weights, 1, 1, stage);
      byte[] in = {-128, -21, -1, 0, 59, 60, 61, 127};
      byte[] out = new byte[in.length];
      FullyConnectedReference.fullyConnected(p, in.length, in, out);
      for (int i = 0; i < in.length; i++) {
        int expected = Math.min(Math.max(in[i] - 20, clamp[0]), clamp[1]);
        assertEquals(expected, out[i], "x = " + in[i] + ", clamp " + Arrays.toString(clamp));
      }
    }
  }

  @Test
  void shortBuffersAreRejectedWithTheirSizes() {
    QuantizedMultiplier one = FixedPoint.quantizeMultiplier(1.0);
    OutputStage stage = new OutputStage(0, new int[1], new int[] {one.multiplier()}, new int[] {one.shift()}, -128, 127);
    FullyConnectedParams p = new FullyConnectedParams(0, new byte[4], 1, 4, stage);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FullyConnectedReference.fullyConnected(p, 2, new byte[7], new byte[2]));
    assertEquals("input has 7 bytes, 2 examples need 8", e.getMessage());
  }
}
