package org.qat4j.core.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qat4j.core.kernels.KernelOracles.between;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qat4j.core.kernels.ConvParams;
import org.qat4j.core.kernels.FeatureMap;
import org.qat4j.core.kernels.KernelOracles;
import org.qat4j.core.kernels.Window;

/**
 * {@link Im2col} against the definition, written out tap by tap: every geometry (strides,
 * dilations, paddings on each side, windows partly or wholly outside the image), one channel
 * and several, and ranges of rows that start and end anywhere, as the chunked convolution asks
 * for them.
 */
class Im2colTest {

  @Test
  void everyRowRangeMatchesTheDefinition() {
    SplittableRandom r = new SplittableRandom(61);
    int depthOne = 0;
    for (int trial = 0; trial < 600; trial++) {
      int kh = between(r, 1, 5);
      int kw = r.nextInt(3) == 0 ? between(r, 1, 5) : kh;
      int sh = between(r, 1, 3);
      int sw = r.nextBoolean() ? sh : between(r, 1, 3);
      int dh = r.nextInt(4) == 0 ? between(r, 2, 3) : 1;
      int dw = r.nextInt(4) == 0 ? between(r, 2, 3) : 1;
      int h = between(r, 1, 12);
      int w = between(r, 1, 12);
      int depth = trial % 2 == 0 ? 1 : between(r, 2, 9);
      int padTop = between(r, 0, kh + 1);
      int padLeft = between(r, 0, kw + 1);
      int oh = KernelOracles.outSize(h, padTop, between(r, 0, kh), kh, sh, dh);
      int ow = KernelOracles.outSize(w, padLeft, between(r, 0, kw), kw, sw, dw);
      if (oh <= 0 || ow <= 0) {
        continue;
      }
      int batches = between(r, 1, 3);
      Window window = new Window(kh, kw, sh, sw, dh, dw, padTop, padLeft);
      int channels = 1;
      ConvParams p = new ConvParams(-between(r, -128, 127), new FeatureMap(h, w, depth),
          new FeatureMap(oh, ow, channels), window, new byte[channels * kh * kw * depth],
          KernelOracles.stage(r, channels, 1, new int[channels]));
      byte[] input = KernelOracles.bytes(r, batches * h * w * depth, -128, 127);
      int totalRows = batches * oh * ow;
      int rowLength = kh * kw * depth;
      for (int range = 0; range < 4; range++) {
        int first = range == 0 ? 0 : r.nextInt(totalRows);
        int rows = range == 0 ? totalRows : between(r, 1, totalRows - first);
        byte[] expected = definition(p, input, first, rows);
        byte[] actual = new byte[rows * rowLength + 7];
        Arrays.fill(actual, (byte) 0x5A);
        Im2col.rows(p, input, first, rows, actual);
        assertArrayEquals(expected, Arrays.copyOf(actual, rows * rowLength),
            "trial " + trial + ": " + window + " " + p.input() + " -> " + p.output() + " x" + batches + ", rows ["
                + first + ", " + (first + rows) + ")");
        for (int i = rows * rowLength; i < actual.length; i++) {
          assertTrue(actual[i] == 0x5A, "trial " + trial + ": wrote past the rows asked for, at " + i);
        }
      }
      depthOne += depth == 1 ? 1 : 0;
    }
    assertTrue(depthOne > 150, "one-channel geometries tested: " + depthOne);
  }

  /** Row {@code (b, oy, ox)}, tap {@code (fy, fx, c)}: the input there, or the zero point outside. */
  private static byte[] definition(ConvParams p, byte[] input, int first, int rows) {
    FeatureMap in = p.input();
    FeatureMap out = p.output();
    Window w = p.window();
    int rowLength = w.filterHeight() * w.filterWidth() * in.depth();
    byte[] m = new byte[rows * rowLength];
    for (int row = first; row < first + rows; row++) {
      int b = row / (out.height() * out.width());
      int oy = row / out.width() % out.height();
      int ox = row % out.width();
      int i = (row - first) * rowLength;
      for (int fy = 0; fy < w.filterHeight(); fy++) {
        for (int fx = 0; fx < w.filterWidth(); fx++) {
          for (int c = 0; c < in.depth(); c++, i++) {
            int y = oy * w.strideHeight() - w.padTop() + fy * w.dilationHeight();
            int x = ox * w.strideWidth() - w.padLeft() + fx * w.dilationWidth();
            boolean inside = y >= 0 && y < in.height() && x >= 0 && x < in.width();
            m[i] = inside ? input[((b * in.height() + y) * in.width() + x) * in.depth() + c] : (byte) -p.inputOffset();
          }
        }
      }
    }
    return m;
  }
}
