package org.qat4j.core.kernels.fast;

/**
 * An immutable int8 weight matrix B of shape [N][K], row-major ("weights transposed": row
 * {@code j} holds the K weights of output {@code j}), prepared for {@link Int8Gemm}.
 *
 * <p>Holds a copy of the int8 values (read directly by the scalar kernel and by the batch-1
 * matrix-vector path), the int32 row sums {@code sum_k B[j][k]} (used to subtract the activation
 * zero point after the product, see {@link Int8Gemm}) and, built once on the first matrix-matrix
 * product with the Vector API kernel, the weights widened to fp32 in column panels. The panels
 * take 4 bytes per weight, rounded up to whole panels; a model run only at batch 1 never builds
 * them. Thread-safe.
 *
 * <p>Any int8 weight is exact, -128 included, though TFLite's int8 spec uses [-127, 127].
 */
public final class Int8Weights {

  private final byte[] values;
  private final int outputs;
  private final int depth;
  private final int[] rowSums;
  private volatile float[] panels;
  private int panelsWidth;

  private Int8Weights(byte[] values, int outputs, int depth) {
    this.values = values;
    this.outputs = outputs;
    this.depth = depth;
    this.rowSums = new int[outputs];
    for (int j = 0; j < outputs; j++) {
      int sum = 0;
      for (int k = 0, p = j * depth; k < depth; k++, p++) {
        sum += values[p];
      }
      rowSums[j] = sum;
    }
  }

  /**
   * Copies a row-major [outputs][depth] int8 matrix.
   *
   * @param weights {@code outputs * depth} values, row {@code j} at {@code [j * depth, (j + 1) * depth)}
   * @param outputs N, the number of rows of B (columns of C, output channels), at least 1
   * @param depth K, the length of each dot product, at least 1
   * @throws IllegalArgumentException if a dimension is below 1, their product exceeds
   *     {@code Integer.MAX_VALUE} or {@code weights.length != outputs * depth}
   */
  public static Int8Weights of(byte[] weights, int outputs, int depth) {
    if (outputs < 1) {
      throw new IllegalArgumentException("outputs (N) is " + outputs
          + "; it must be at least 1: the number of rows of the [N][K] weight matrix");
    }
    if (depth < 1) {
      throw new IllegalArgumentException("depth (K) is " + depth
          + "; it must be at least 1: the length of each weight row");
    }
    long size = (long) outputs * depth;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("weight matrix " + outputs + " x " + depth + " has " + size
          + " values, more than a Java array holds (" + Integer.MAX_VALUE + "); split it by outputs");
    }
    if (weights.length != size) {
      throw new IllegalArgumentException("weights has " + weights.length + " values but outputs x depth = "
          + outputs + " x " + depth + " = " + size + "; pass exactly the [N][K] row-major matrix");
    }
    return new Int8Weights(weights.clone(), outputs, depth);
  }

  /** N: rows of B, i.e. columns of C (output channels). */
  public int outputs() {
    return outputs;
  }

  /** K: the length of each dot product. */
  public int depth() {
    return depth;
  }

  /** {@code B[output][k]}. */
  public byte get(int output, int k) {
    if (output < 0 || output >= outputs || k < 0 || k >= depth) {
      throw new IndexOutOfBoundsException("index (" + output + ", " + k + ") is outside [0, " + outputs
          + ") x [0, " + depth + ")");
    }
    return values[output * depth + k];
  }

  /**
   * {@code sum_k B[output][k]} in int32: exact for {@code K < 2^24} (each term is at most 128 in
   * magnitude), modulo 2^32 beyond, which is all the zero-point correction needs.
   */
  public int rowSum(int output) {
    return rowSums[output];
  }

  /** The int8 values, row-major; kernels read, never write. */
  byte[] values() {
    return values;
  }

  /**
   * The weights as fp32 column panels of {@code width} columns, zero-padded: panel {@code s} holds
   * columns {@code [s * width, (s + 1) * width)}, one row of {@code width} values per k, so
   * {@code B[j][k]} is at {@code s * depth * width + k * width + (j - s * width)} for {@code s = j
   * / width}. The last panel is only {@code width / 2} wide ({@code k * width / 2} in that
   * formula) when that holds its columns ({@link #narrowLastPanel(int)}): a kernel then spends
   * half the work on it. Built on first use; one width per matrix.
   */
  float[] floatPanels(int width) {
    float[] p = panels;
    if (p == null) {
      synchronized (this) {
        p = panels;
        if (p == null) {
          p = packPanels(width);
          panelsWidth = width;
          panels = p;
        }
      }
    }
    if (panelsWidth != width) {
      throw new IllegalStateException("panels were built " + panelsWidth + " wide, asked for " + width);
    }
    return p;
  }

  /** Whether the last of the {@code width}-wide panels is packed half as wide (see {@link #floatPanels}). */
  boolean narrowLastPanel(int width) {
    int last = outputs % width;
    return last != 0 && last <= width / 2;
  }

  private float[] packPanels(int width) {
    int strips = (outputs + width - 1) / width;
    long size = (long) strips * depth * width;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalStateException("fp32 panels of " + outputs + " x " + depth + " weights need " + size
          + " floats, more than a Java array holds; split the layer by outputs");
    }
    float[] p = new float[(int) size];
    int narrowFrom = narrowLastPanel(width) ? (strips - 1) * width : outputs;
    for (int j = 0; j < outputs; j++) {
      int s = j / width;
      int stride = j >= narrowFrom ? width / 2 : width;
      int base = s * depth * width + (j - s * width);
      for (int k = 0, src = j * depth; k < depth; k++, src++) {
        p[base + k * stride] = values[src];
      }
    }
    return p;
  }
}
