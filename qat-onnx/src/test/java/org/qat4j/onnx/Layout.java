package org.qat4j.onnx;

/**
 * NCHW and NHWC transposes for the tests, written independently of the exporter. Element {@code
 * (n, c, h, w)} sits at {@code ((n * C + c) * H + h) * W + w} in NCHW and at {@code ((n * H + h) *
 * W + w) * C + c} in NHWC; shapes are given per example as the engine's {@code [H, W, C]}.
 */
final class Layout {

  private Layout() {}

  static void nchwToNhwc(float[] src, float[] dst, int batch, int h, int w, int c) {
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            dst[((n * h + y) * w + x) * c + ch] = src[((n * c + ch) * h + y) * w + x];
          }
        }
      }
    }
  }

  static void nchwToNhwc(byte[] src, byte[] dst, int batch, int h, int w, int c) {
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            dst[((n * h + y) * w + x) * c + ch] = src[((n * c + ch) * h + y) * w + x];
          }
        }
      }
    }
  }

  static void nhwcToNchw(float[] src, float[] dst, int batch, int h, int w, int c) {
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            dst[((n * c + ch) * h + y) * w + x] = src[((n * h + y) * w + x) * c + ch];
          }
        }
      }
    }
  }

  static void nhwcToNchw(byte[] src, byte[] dst, int batch, int h, int w, int c) {
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            dst[((n * c + ch) * h + y) * w + x] = src[((n * h + y) * w + x) * c + ch];
          }
        }
      }
    }
  }
}
