package org.qat4j.core.kernels;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
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

  /** Long-arithmetic oracle: acc = sum w * (x - zp_in) without any int32 step. */
  public static byte[] fullyConnected(FullyConnectedParams p, int batches, byte[] input) {
    int k = p.accumulationDepth();
    int outDepth = p.outputDepth();
    byte[] out = new byte[batches * outDepth];
    for (int b = 0; b < batches; b++) {
      for (int o = 0; o < outDepth; o++) {
        long acc = 0;
        for (int i = 0; i < k; i++) {
          acc += (long) p.weights()[o * k + i] * (input[b * k + i] + p.inputOffset());
        }
        out[b * outDepth + o] = (byte) outputStage(acc, p.output(), o);
      }
    }
    return out;
  }

  /**
   * Oracle: materialize the padded input (padding filled with the input zero point, i.e. real 0),
   * then a dense convolution over it in long arithmetic, visiting every tap.
   */
  public static byte[] conv2D(ConvParams p, int padBottom, int padRight, int batches, byte[] input) {
    FeatureMap in = p.input();
    FeatureMap out = p.output();
    Window w = p.window();
    int zpIn = -p.inputOffset();
    int ph = in.height() + w.padTop() + padBottom;
    int pw = in.width() + w.padLeft() + padRight;
    int c = in.depth();
    byte[] result = new byte[batches * out.size()];
    for (int b = 0; b < batches; b++) {
      byte[] padded = new byte[ph * pw * c];
      Arrays.fill(padded, (byte) zpIn);
      for (int y = 0; y < in.height(); y++) {
        for (int x = 0; x < in.width(); x++) {
          System.arraycopy(input, b * in.size() + (y * in.width() + x) * c, padded,
              ((y + w.padTop()) * pw + x + w.padLeft()) * c, c);
        }
      }
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int oc = 0; oc < out.depth(); oc++) {
            long acc = 0;
            for (int fy = 0; fy < w.filterHeight(); fy++) {
              for (int fx = 0; fx < w.filterWidth(); fx++) {
                int py = oy * w.strideHeight() + fy * w.dilationHeight();
                int px = ox * w.strideWidth() + fx * w.dilationWidth();
                for (int ic = 0; ic < c; ic++) {
                  long weight = p.filter()[((oc * w.filterHeight() + fy) * w.filterWidth() + fx) * c + ic];
                  acc += weight * (padded[(py * pw + px) * c + ic] - zpIn);
                }
              }
            }
            result[b * out.size() + (oy * out.width() + ox) * out.depth() + oc] =
                (byte) outputStage(acc, p.stage(), oc);
          }
        }
      }
    }
    return result;
  }

  /** Output positions along one axis for a padded, strided, dilated window; 0 if it does not fit. */
  public static int outSize(int in, int before, int after, int filter, int stride, int dilation) {
    int span = in + before + after - ((filter - 1) * dilation + 1);
    return span < 0 ? 0 : span / stride + 1;
  }

  /** Max (or average, rounded half away from zero) over the in-image part of each window, then the clamp. */
  public static byte[] pool(PoolParams p, int batches, byte[] input, boolean max) {
    FeatureMap in = p.input();
    FeatureMap out = p.output();
    Window w = p.window();
    byte[] result = new byte[batches * out.size()];
    for (int b = 0; b < batches; b++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int c = 0; c < in.depth(); c++) {
            long sum = 0;
            int count = 0;
            int best = Integer.MIN_VALUE;
            for (int fy = 0; fy < w.filterHeight(); fy++) {
              for (int fx = 0; fx < w.filterWidth(); fx++) {
                int y = oy * w.strideHeight() - w.padTop() + fy;
                int x = ox * w.strideWidth() - w.padLeft() + fx;
                if (y >= 0 && y < in.height() && x >= 0 && x < in.width()) {
                  int v = input[b * in.size() + (y * in.width() + x) * in.depth() + c];
                  sum += v;
                  count++;
                  best = Math.max(best, v);
                }
              }
            }
            int v = max ? best : divideHalfAway(sum, count);
            result[b * out.size() + (oy * out.width() + ox) * out.depth() + c] =
                (byte) Math.min(Math.max(v, p.activationMin()), p.activationMax());
          }
        }
      }
    }
    return result;
  }
}
