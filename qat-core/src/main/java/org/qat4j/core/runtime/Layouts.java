package org.qat4j.core.runtime;

/**
 * Transposes between the user's NCHW layout and the graph's NHWC at the edges. Element {@code (n,
 * c, h, w)} sits at {@code ((n * C + c) * H + h) * W + w} in NCHW and at {@code ((n * H + h) * W +
 * w) * C + c} in NHWC.
 */
final class Layouts {

  private Layouts() {}

  static void nchwToNhwc(float[] src, float[] dst, int batch, int channels, int height, int width) {
    int plane = height * width;
    for (int n = 0; n < batch; n++) {
      int base = n * channels * plane;
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          dst[base + p * channels + c] = src[base + c * plane + p];
        }
      }
    }
  }

  static void nchwToNhwc(byte[] src, byte[] dst, int batch, int channels, int height, int width) {
    int plane = height * width;
    for (int n = 0; n < batch; n++) {
      int base = n * channels * plane;
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          dst[base + p * channels + c] = src[base + c * plane + p];
        }
      }
    }
  }

  static void nhwcToNchw(byte[] src, byte[] dst, int batch, int channels, int height, int width) {
    int plane = height * width;
    for (int n = 0; n < batch; n++) {
      int base = n * channels * plane;
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          dst[base + c * plane + p] = src[base + p * channels + c];
        }
      }
    }
  }

  static void nhwcToNchw(float[] src, float[] dst, int batch, int channels, int height, int width) {
    int plane = height * width;
    for (int n = 0; n < batch; n++) {
      int base = n * channels * plane;
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          dst[base + c * plane + p] = src[base + p * channels + c];
        }
      }
    }
  }
}
