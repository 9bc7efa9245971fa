package org.qat4j.core.kernels.fast;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: int8 widened to fp32 and multiplied-added with FMA, exact because no
 * fp32 accumulator ever leaves the range where fp32 holds every integer ({@link ExactFloatChunk}).
 *
 * <p>Matrix-matrix: a register-blocked micro-kernel computes an {@value #MR} x (2 vectors) tile
 * of C from an {@value #MR}-row panel of A (packed and widened per call, {@value #MC} rows by
 * {@value #KC} k at a time, so it stays in L2) and a column panel of B (packed once, see
 * {@link Int8Weights#floatPanels}); after each block of at most {@value #KC} k the tile is
 * converted to int32 (by the offset trick of {@link ExactFloatChunk}) and added to C.
 * Matrix-vector (batch 1): reads the int8 weights directly, four rows at a time, widening each
 * vector of bytes to fp32, and flushes every {@link ExactFloatChunk#MAX_PRODUCTS} k.
 *
 * <p>Requantization, the output stage after the product, is {@link VectorRequantizer}'s. These two
 * are the only classes of qat-core that name {@code jdk.incubator.vector}; this one is loaded by
 * reflection from {@link KernelSelection} only when that module is in the boot layer, and loads
 * the other.
 */
final class VectorFloatGemmKernel implements GemmKernel {

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  /** Bytes that widen to one fp32 vector. */
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));

  /**
   * Rows of C per micro-kernel tile: 6 x 2 accumulators, two B vectors and one broadcast fill the
   * 16 AVX2 registers, one broadcast for every two FMAs. Against 4 rows the difference was within
   * the noise of this machine (JMH, 256 x 1024 x 1024, docs/performance.md); the published
   * figures were measured with 6.
   */
  static final int MR = 6;
  /** Columns of C per micro-kernel tile and per packed weight panel: two vectors. */
  private static final int NR = 2 * L;
  /** Depth of one packed block of A: at most {@link ExactFloatChunk#MAX_OFFSET_PRODUCTS}. */
  static final int KC = ExactFloatChunk.MAX_OFFSET_PRODUCTS;
  /** Rows of A packed at a time (a multiple of MR): MC x KC fp32 stay in L2. */
  static final int MC = 96;

  private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[MC * KC]);
  private static final ThreadLocal<int[]> EDGE_TILE = ThreadLocal.withInitial(() -> new int[MR * NR]);
  private static final ThreadLocal<float[][]> WIDE_ROW = ThreadLocal.withInitial(() -> new float[1][0]);

  /** Whether requantization runs in 64-bit vector lanes ({@link VectorRequantizer#usable()}). */
  private static final boolean WIDE_REQUANTIZATION = VectorRequantizer.usable();

  /** Whether this JVM gives the Vector API real vectors (at least 4 fp32 lanes of matching ints). */
  static boolean usable() {
    return L >= 4 && I.length() == L && B.length() >= L;
  }

  @Override
  public Int8GemmVariant variant() {
    return Int8GemmVariant.VECTOR_FLOAT_FMA;
  }

  @Override
  public int panelWidth() {
    return NR;
  }

  @Override
  public void gemm(byte[] a, int aOffset, int aRowStride, int rowStart, int rowEnd, Int8Weights b,
      int colStart, int colEnd, int[] c, int cOffset, int cRowStride) {
    int depth = b.depth();
    float[] bp = b.floatPanels(NR);
    float[] ap = PACKED_A.get();
    int[] tile = EDGE_TILE.get();
    int firstStrip = colStart / NR;
    int endStrip = (colEnd + NR - 1) / NR;
    int narrowStrip = b.narrowLastPanel(NR) ? (b.outputs() - 1) / NR : -1;
    for (int pc = 0; pc < depth; pc += KC) {
      int kc = Math.min(KC, depth - pc);
      for (int ic = rowStart; ic < rowEnd; ic += MC) {
        int mc = Math.min(MC, rowEnd - ic);
        packA(a, aOffset + ic * aRowStride + pc, aRowStride, mc, kc, ap);
        for (int s = firstStrip; s < endStrip; s++) {
          boolean narrow = s == narrowStrip;
          int width = narrow ? L : NR;
          int j0 = s * NR;
          int jFrom = Math.max(colStart, j0);
          int jTo = Math.min(colEnd, j0 + width);
          int bi = s * depth * NR + pc * width;
          for (int g = 0; g < mc; g += MR) {
            int i0 = ic + g;
            int rows = Math.min(MR, rowEnd - i0);
            int ai = g * kc;
            if (rows == MR && jFrom == j0 && jTo == j0 + width) {
              tile(narrow, ap, ai, bp, bi, kc, c, cOffset + i0 * cRowStride + j0, cRowStride);
            } else {
              Arrays.fill(tile, 0);
              tile(narrow, ap, ai, bp, bi, kc, tile, 0, NR);
              for (int r = 0; r < rows; r++) {
                int crow = cOffset + (i0 + r) * cRowStride;
                for (int j = jFrom; j < jTo; j++) {
                  c[crow + j] += tile[r * NR + j - j0];
                }
              }
            }
          }
        }
      }
    }
  }

  /** One {@value #MR}-row tile, by the micro-kernel of its panel's width. */
  private static void tile(boolean narrow, float[] ap, int ai, float[] bp, int bi, int kc, int[] c, int ci,
      int cRowStride) {
    if (narrow) {
      narrowMicroKernel(ap, ai, bp, bi, kc, c, ci, cRowStride);
    } else {
      microKernel(ap, ai, bp, bi, kc, c, ci, cRowStride);
    }
  }

  /**
   * Widens rows {@code [0, mc)} x k {@code [0, kc)} of A (starting at {@code src}) to fp32, row
   * after row ({@code ap[r * kc + k]}), so the copy is one vector conversion per {@code L} values;
   * rows up to the next multiple of {@code MR} are zero, so the last micro-kernel tile reads
   * defined values.
   */
  private static void packA(byte[] a, int src, int aRowStride, int mc, int kc, float[] ap) {
    int padded = (mc + MR - 1) / MR * MR;
    for (int r = 0; r < mc; r++) {
      int p = src + r * aRowStride;
      int dst = r * kc;
      int k = 0;
      for (; k + B.length() <= kc; k += L) { // a byte load reads B.length() >= L bytes
        widen(a, p + k).intoArray(ap, dst + k);
      }
      for (; k < kc; k++) {
        ap[dst + k] = a[p + k];
      }
    }
    Arrays.fill(ap, mc * kc, padded * kc, 0f);
  }

  /**
   * {@code C[MR][NR] += A[MR][kc] * Bpanel[kc][NR]} for {@code kc <= KC}, the MR rows of A
   * {@code kc} apart from {@code ap[ai]}: each fp32 accumulator starts at {@link
   * ExactFloatChunk#OFFSET} and sums at most {@link ExactFloatChunk#MAX_OFFSET_PRODUCTS}
   * products, so it stays exact and its bit pattern minus the offset's is the int32 sum.
   */
  private static void microKernel(float[] ap, int ai, float[] bp, int bi, int kc,
      int[] c, int ci, int cRowStride) {
    FloatVector c00 = FloatVector.broadcast(F, ExactFloatChunk.OFFSET);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    final int a0 = ai;
    final int a1 = a0 + kc;
    final int a2 = a1 + kc;
    final int a3 = a2 + kc;
    final int a4 = a3 + kc;
    final int a5 = a4 + kc;
    for (int k = 0; k < kc; k++, bi += NR) {
      FloatVector b0 = FloatVector.fromArray(F, bp, bi);
      FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
      FloatVector x = FloatVector.broadcast(F, ap[a0 + k]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(F, ap[a1 + k]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(F, ap[a2 + k]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(F, ap[a3 + k]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(F, ap[a4 + k]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(F, ap[a5 + k]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    addTo(c00, c, ci);
    addTo(c01, c, ci + L);
    ci += cRowStride;
    addTo(c10, c, ci);
    addTo(c11, c, ci + L);
    ci += cRowStride;
    addTo(c20, c, ci);
    addTo(c21, c, ci + L);
    ci += cRowStride;
    addTo(c30, c, ci);
    addTo(c31, c, ci + L);
    ci += cRowStride;
    addTo(c40, c, ci);
    addTo(c41, c, ci + L);
    ci += cRowStride;
    addTo(c50, c, ci);
    addTo(c51, c, ci + L);
  }

  /**
   * {@link #microKernel} for a panel one vector wide (the narrow last panel of {@link
   * Int8Weights#floatPanels}): an {@value #MR} x {@code L} tile.
   */
  private static void narrowMicroKernel(float[] ap, int ai, float[] bp, int bi, int kc,
      int[] c, int ci, int cRowStride) {
    FloatVector c0 = FloatVector.broadcast(F, ExactFloatChunk.OFFSET);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    FloatVector c4 = c0;
    FloatVector c5 = c0;
    final int a0 = ai;
    final int a1 = a0 + kc;
    final int a2 = a1 + kc;
    final int a3 = a2 + kc;
    final int a4 = a3 + kc;
    final int a5 = a4 + kc;
    for (int k = 0; k < kc; k++, bi += L) {
      FloatVector b0 = FloatVector.fromArray(F, bp, bi);
      c0 = FloatVector.broadcast(F, ap[a0 + k]).fma(b0, c0);
      c1 = FloatVector.broadcast(F, ap[a1 + k]).fma(b0, c1);
      c2 = FloatVector.broadcast(F, ap[a2 + k]).fma(b0, c2);
      c3 = FloatVector.broadcast(F, ap[a3 + k]).fma(b0, c3);
      c4 = FloatVector.broadcast(F, ap[a4 + k]).fma(b0, c4);
      c5 = FloatVector.broadcast(F, ap[a5 + k]).fma(b0, c5);
    }
    addTo(c0, c, ci);
    addTo(c1, c, ci + cRowStride);
    addTo(c2, c, ci + 2 * cRowStride);
    addTo(c3, c, ci + 3 * cRowStride);
    addTo(c4, c, ci + 4 * cRowStride);
    addTo(c5, c, ci + 5 * cRowStride);
  }

  /** Adds the exact sums held by an offset accumulator to L int32 values of C. */
  private static void addTo(FloatVector accumulator, int[] c, int ci) {
    IntVector sum = accumulator.reinterpretAsInts().sub(ExactFloatChunk.OFFSET_BITS);
    IntVector.fromArray(I, c, ci).add(sum).intoArray(c, ci);
  }

  @Override
  public void requantize(Requantizer stage, int[] accumulators, int accOffset, int rows, byte[] output,
      int outOffset) {
    if (WIDE_REQUANTIZATION) {
      VectorRequantizer.applyRows(stage, accumulators, accOffset, rows, output, outOffset);
    } else {
      stage.applyRows(accumulators, accOffset, rows, output, outOffset);
    }
  }

  @Override
  public void gemv(byte[] a, int aOffset, Int8Weights b, int colStart, int colEnd, int[] c, int cOffset) {
    int depth = b.depth();
    byte[] w = b.values();
    float[] x = wideRow(a, aOffset, depth);
    int j = colStart;
    for (; j + 3 < colEnd; j += 4) {
      int r0 = j * depth;
      int r1 = r0 + depth;
      int r2 = r1 + depth;
      int r3 = r2 + depth;
      int s0 = 0;
      int s1 = 0;
      int s2 = 0;
      int s3 = 0;
      for (int k0 = 0; k0 < depth; k0 += ExactFloatChunk.MAX_PRODUCTS) {
        int kEnd = Math.min(depth, k0 + ExactFloatChunk.MAX_PRODUCTS);
        int vectorEnd = vectorEnd(k0, kEnd);
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int k = k0; k < vectorEnd; k += L) {
          FloatVector xv = FloatVector.fromArray(F, x, k);
          acc0 = xv.fma(widen(w, r0 + k), acc0);
          acc1 = xv.fma(widen(w, r1 + k), acc1);
          acc2 = xv.fma(widen(w, r2 + k), acc2);
          acc3 = xv.fma(widen(w, r3 + k), acc3);
        }
        // Every partial sum of a lane reduction sums a subset of this chunk's products: exact.
        s0 += (int) acc0.reduceLanes(VectorOperators.ADD);
        s1 += (int) acc1.reduceLanes(VectorOperators.ADD);
        s2 += (int) acc2.reduceLanes(VectorOperators.ADD);
        s3 += (int) acc3.reduceLanes(VectorOperators.ADD);
        for (int k = vectorEnd; k < kEnd; k++) {
          int xk = a[aOffset + k];
          s0 += xk * w[r0 + k];
          s1 += xk * w[r1 + k];
          s2 += xk * w[r2 + k];
          s3 += xk * w[r3 + k];
        }
      }
      c[cOffset + j] += s0;
      c[cOffset + j + 1] += s1;
      c[cOffset + j + 2] += s2;
      c[cOffset + j + 3] += s3;
    }
    for (; j < colEnd; j++) {
      c[cOffset + j] += dotOneRow(a, aOffset, x, w, j * depth, depth);
    }
  }

  private static int dotOneRow(byte[] a, int aOffset, float[] x, byte[] w, int r, int depth) {
    int s = 0;
    for (int k0 = 0; k0 < depth; k0 += ExactFloatChunk.MAX_PRODUCTS) {
      int kEnd = Math.min(depth, k0 + ExactFloatChunk.MAX_PRODUCTS);
      int vectorEnd = vectorEnd(k0, kEnd);
      FloatVector acc = FloatVector.zero(F);
      for (int k = k0; k < vectorEnd; k += L) {
        acc = FloatVector.fromArray(F, x, k).fma(widen(w, r + k), acc);
      }
      s += (int) acc.reduceLanes(VectorOperators.ADD);
      for (int k = vectorEnd; k < kEnd; k++) {
        s += a[aOffset + k] * w[r + k];
      }
    }
    return s;
  }

  /**
   * End of the vector loop over {@code [k0, kEnd)} in steps of L: a byte load reads
   * {@code B.length() >= L} bytes, which must stay inside the weight row.
   */
  private static int vectorEnd(int k0, int kEnd) {
    int span = kEnd - k0;
    return span < B.length() ? k0 : k0 + ((span - B.length()) / L + 1) * L;
  }

  /** L int8 weights from {@code w[p]} as fp32 (exact). */
  private static FloatVector widen(byte[] w, int p) {
    return (FloatVector) ByteVector.fromArray(B, w, p).convertShape(VectorOperators.B2F, F, 0);
  }

  /** The row of A as fp32, in a per-thread buffer. */
  private static float[] wideRow(byte[] a, int aOffset, int depth) {
    float[][] holder = WIDE_ROW.get();
    float[] x = holder[0];
    if (x.length < depth) {
      x = new float[depth];
      holder[0] = x;
    }
    for (int k = 0; k < depth; k++) {
      x[k] = a[aOffset + k];
    }
    return x;
  }
}
