package org.qat4j.core.kernels;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.qat4j.core.fixedpoint.FixedPoint;
import org.qat4j.core.fixedpoint.QuantizedMultiplier;

/**
 * Independent oracles for the kernel tests: exact integer arithmetic (long, BigInteger,
 * BigDecimal) written from the definitions, not from the kernels' loops.
 */
public final class KernelOracles {

  private static final BigInteger TWO_31 = BigInteger.ONE.shiftLeft(31);

  private KernelOracles() {}

  /**
   * TFLite's default MultiplyByQuantizedMultiplier from its definition, in exact arithmetic:
   * {@code y = x * 2^left} (no wrap is possible for the accumulators tested), then
   * {@code floor((y * q + 2^30) / 2^31)} (round half toward +infinity; saturate only for the
   * impossible MIN*MIN), then {@code y / 2^right} rounded half away from zero.
   */
  public static long requantize(long acc, int multiplier, int shift) {
    int left = Math.max(shift, 0);
    int right = Math.max(-shift, 0);
    BigInteger y = BigInteger.valueOf(acc).shiftLeft(left);
    if (y.bitLength() > 31) {
      throw new AssertionError("oracle used outside its domain: " + acc + " << " + left);
    }
    BigInteger num = y.multiply(BigInteger.valueOf(multiplier)).add(BigInteger.ONE.shiftLeft(30));
    BigInteger high = floorDiv(num, TWO_31);
    return new BigDecimal(high).divide(new BigDecimal(BigInteger.ONE.shiftLeft(right)))
        .setScale(0, RoundingMode.HALF_UP) // HALF_UP in BigDecimal is ties away from zero
        .longValueExact();
  }

  /** The full output stage from its definition: requantize, add the zero point, clamp. */
  public static int outputStage(long acc, OutputStage s, int c) {
    long v = requantize(acc + s.bias()[c], s.multipliers()[c], s.shifts()[c]) + s.outputOffset();
    return (int) Math.min(Math.max(v, s.activationMin()), s.activationMax());
  }

  private static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  /** round(sum / count) with ties away from zero, in exact decimal arithmetic. */
  public static int divideHalfAway(long sum, long count) {
    return new BigDecimal(sum).divide(new BigDecimal(count), 0, RoundingMode.HALF_UP).intValueExact();
  }

  /** Random int in [lo, hi]. */
  public static int between(SplittableRandom r, int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  /** Random bytes in [lo, hi]. */
  public static byte[] bytes(SplittableRandom r, int n, int lo, int hi) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) between(r, lo, hi);
    }
    return b;
  }

  /**
   * An output stage whose multipliers map the given accumulator magnitude to about a random
   * fraction of the int8 range, so outputs spread over the grid instead of saturating.
   */
  public static OutputStage stage(SplittableRandom r, int channels, long maxAbsAcc, int[] bias) {
    int[] m = new int[channels];
    int[] s = new int[channels];
    for (int c = 0; c < channels; c++) {
      double real = (40 + r.nextDouble() * 160) / Math.max(1, maxAbsAcc);
      QuantizedMultiplier q = FixedPoint.quantizeMultiplier(real);
      m[c] = q.multiplier();
      s[c] = q.shift();
    }
    int zpOut = between(r, -128, 127);
    int min = r.nextInt(3) == 0 ? zpOut : -128; // sometimes ReLU
    int max = r.nextInt(4) == 0 ? between(r, min, 127) : 127;
    return new OutputStage(zpOut, bias, m, s, min, max);
  }
}
