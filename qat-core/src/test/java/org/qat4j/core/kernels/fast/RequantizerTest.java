package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qat4j.core.kernels.KernelOracles.between;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;
import org.qat4j.core.kernels.OutputStage;

/**
 * {@link Requantizer} and every kernel's {@code requantize} (the Vector API one when this JVM has
 * it) against {@link OutputStage#apply}, the reference output stage: byte for byte, on random and
 * extreme accumulators, multipliers, shifts, zero points and clamps, and never writing outside
 * the range asked for.
 */
class RequantizerTest {

  private static final int[] EXTREME_ACCUMULATORS = {
    Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -(1 << 30), -65536, -32769, -32768, -257, -256, -129, -128, -2, -1,
    0, 1, 2, 127, 128, 255, 256, 32767, 32768, 65535, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

  private static final int[] EXTREME_MULTIPLIERS = {
    0, 1, 2, 3, (1 << 15) - 1, 1 << 15, (1 << 16) + 1, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE - 1,
    Integer.MAX_VALUE};

  @Test
  void randomStagesMatchTheReference() {
    SplittableRandom r = new SplittableRandom(41);
    for (int trial = 0; trial < 400; trial++) {
      int channels = trial < 40 ? between(r, 1, 9) : between(r, 1, 70);
      int rows = between(r, 1, 7);
      OutputStage stage = randomStage(r, channels);
      int[] acc = new int[rows * channels + 5];
      for (int i = 0; i < acc.length; i++) {
        acc[i] = r.nextInt(4) == 0 ? EXTREME_ACCUMULATORS[r.nextInt(EXTREME_ACCUMULATORS.length)]
            : r.nextInt(2) == 0 ? r.nextInt() : between(r, -300_000, 300_000);
      }
      assertAllKernelsMatch(stage, acc, r.nextInt(5), rows, "trial " + trial);
    }
  }

  @Test
  void everyShiftAndExtremeMultiplierMatches() {
    SplittableRandom r = new SplittableRandom(43);
    for (int shift = QuantizedMultiplier.MIN_SHIFT; shift <= QuantizedMultiplier.MAX_SHIFT; shift++) {
      for (int multiplier : EXTREME_MULTIPLIERS) {
        int channels = 12;
        int[] bias = new int[channels];
        int[] multipliers = new int[channels];
        int[] shifts = new int[channels];
        Arrays.fill(multipliers, multiplier);
        Arrays.fill(shifts, shift);
        for (int c = 0; c < channels; c++) {
          bias[c] = c % 3 == 0 ? 0 : r.nextInt();
        }
        OutputStage stage = new OutputStage(between(r, -128, 127), bias, multipliers, shifts, -128, 127);
        int rows = EXTREME_ACCUMULATORS.length;
        int[] acc = new int[rows * channels];
        for (int i = 0; i < acc.length; i++) {
          acc[i] = EXTREME_ACCUMULATORS[(i / channels + i) % EXTREME_ACCUMULATORS.length];
        }
        assertAllKernelsMatch(stage, acc, 0, rows, "shift " + shift + ", multiplier " + multiplier);
      }
    }
  }

  @Test
  void tiesOfTheFinalDivisionRoundAwayFromZero() {
    // Multiplier 2^30 (one half) and shift -2: x = ±(8m + 4) gives an exact high part ±(4m + 2),
    // whose division by 4 is ±(m + 0.5), a tie, on both sides of zero.
    int channels = 8;
    int[] multipliers = new int[channels];
    int[] shifts = new int[channels];
    Arrays.fill(multipliers, 1 << 30);
    Arrays.fill(shifts, -2);
    OutputStage stage = new OutputStage(0, new int[channels], multipliers, shifts, -128, 127);
    int rows = 64;
    int[] acc = new int[rows * channels];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = (i % 2 == 0 ? 1 : -1) * (4 + 8 * (i / 2 % 20));
    }
    byte[] expected = reference(stage, acc, 0, rows);
    assertEquals(1, expected[0], "4 * 0.5 / 4 = 0.5 rounds away from zero");
    assertEquals(-1, expected[1], "-4 * 0.5 / 4 = -0.5 rounds away from zero");
    assertAllKernelsMatch(stage, acc, 0, rows, "ties");
  }

  private static void assertAllKernelsMatch(OutputStage stage, int[] acc, int accOffset, int rows, String what) {
    int channels = stage.channels();
    int rowsThatFit = Math.min(rows, (acc.length - accOffset) / channels);
    byte[] expected = reference(stage, acc, accOffset, rowsThatFit);
    Requantizer requantizer = Requantizer.of(stage);
    byte[] scalar = withGuard(requantizer, null, acc, accOffset, rowsThatFit, what);
    assertArrayEquals(expected, scalar, "Requantizer.applyRows, " + what);
    for (Int8GemmVariant variant : TestVariants.available()) {
      try (Int8Gemm gemm = Int8Gemm.create(1, variant)) {
        byte[] actual = withGuard(requantizer, gemm, acc, accOffset, rowsThatFit, variant + ", " + what);
        assertArrayEquals(expected, actual, variant + ", " + what);
      }
    }
  }

  /**
   * Runs the requantizer into the middle of a larger array filled with a guard value and checks
   * that nothing outside the asked range changed.
   */
  private static byte[] withGuard(Requantizer requantizer, Int8Gemm gemm, int[] acc, int accOffset, int rows,
      String what) {
    int n = rows * requantizer.channels();
    int before = 3;
    byte[] out = new byte[before + n + 11];
    Arrays.fill(out, (byte) 0x5A);
    if (gemm == null) {
      requantizer.applyRows(acc, accOffset, rows, out, before);
    } else {
      gemm.requantize(requantizer, acc, accOffset, rows, out, before);
    }
    for (int i = 0; i < out.length; i++) {
      if (i < before || i >= before + n) {
        assertEquals((byte) 0x5A, out[i], "byte " + i + " outside the output range was written, " + what);
      }
    }
    return Arrays.copyOfRange(out, before, before + n);
  }

  private static byte[] reference(OutputStage stage, int[] acc, int accOffset, int rows) {
    int channels = stage.channels();
    byte[] out = new byte[rows * channels];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) stage.apply(acc[accOffset + i], i % channels);
    }
    return out;
  }

  private static OutputStage randomStage(SplittableRandom r, int channels) {
    int[] bias = new int[channels];
    int[] multipliers = new int[channels];
    int[] shifts = new int[channels];
    for (int c = 0; c < channels; c++) {
      bias[c] = r.nextInt(3) == 0 ? r.nextInt() : between(r, -100_000, 100_000);
      multipliers[c] = r.nextInt(5) == 0 ? EXTREME_MULTIPLIERS[r.nextInt(EXTREME_MULTIPLIERS.length)]
          : between(r, 1 << 30, Integer.MAX_VALUE);
      shifts[c] = r.nextInt(4) == 0 ? between(r, QuantizedMultiplier.MIN_SHIFT, QuantizedMultiplier.MAX_SHIFT)
          : between(r, -14, 0);
    }
    int min = between(r, -128, 127);
    int max = r.nextInt(3) == 0 ? 127 : between(r, min, 127);
    if (r.nextInt(3) == 0) {
      min = -128;
    }
    OutputStage stage = new OutputStage(between(r, -128, 127), bias, multipliers, shifts, min, max);
    assertTrue(stage.activationMin() <= stage.activationMax());
    return stage;
  }
}
