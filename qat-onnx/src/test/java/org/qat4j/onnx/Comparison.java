package org.qat4j.onnx;

/**
 * How far ONNX Runtime's outputs are from the engine's on a batch.
 *
 * @param values output values compared
 * @param differByOne values that differ by exactly one step
 * @param maxDifference the largest difference in steps, or -1 for float outputs compared by top-1 only
 * @param examples examples compared
 * @param top1Agree examples whose largest output (the first one on ties) has the same index
 */
record Comparison(long values, long differByOne, int maxDifference, int examples, int top1Agree) {

  /** Compares int8 outputs, {@code outputSize} per example. */
  static Comparison int8(byte[] engine, byte[] ort, int outputSize) {
    check(engine.length, ort.length, outputSize);
    long one = 0;
    int max = 0;
    for (int i = 0; i < engine.length; i++) {
      int d = Math.abs(engine[i] - ort[i]);
      one += d == 1 ? 1 : 0;
      max = Math.max(max, d);
    }
    int examples = engine.length / outputSize;
    int agree = 0;
    for (int n = 0; n < examples; n++) {
      int a = 0;
      int b = 0;
      for (int i = 1; i < outputSize; i++) {
        a = engine[n * outputSize + i] > engine[n * outputSize + a] ? i : a;
        b = ort[n * outputSize + i] > ort[n * outputSize + b] ? i : b;
      }
      agree += a == b ? 1 : 0;
    }
    return new Comparison(engine.length, one, max, examples, agree);
  }

  /** Compares float outputs by top-1 only (differences are not in steps). */
  static Comparison top1(float[] engine, float[] ort, int outputSize) {
    check(engine.length, ort.length, outputSize);
    int examples = engine.length / outputSize;
    int agree = 0;
    for (int n = 0; n < examples; n++) {
      int a = 0;
      int b = 0;
      for (int i = 1; i < outputSize; i++) {
        a = engine[n * outputSize + i] > engine[n * outputSize + a] ? i : a;
        b = ort[n * outputSize + i] > ort[n * outputSize + b] ? i : b;
      }
      agree += a == b ? 1 : 0;
    }
    return new Comparison(engine.length, 0, -1, examples, agree);
  }

  private static void check(int engine, int ort, int outputSize) {
    if (engine != ort || engine % outputSize != 0) {
      throw new AssertionError("engine gave " + engine + " outputs, ONNX Runtime " + ort + ", " + outputSize
          + " per example");
    }
  }

  double top1Agreement() {
    return (double) top1Agree / examples;
  }

  double fractionDifferByOne() {
    return (double) differByOne / values;
  }

  @Override
  public String toString() {
    if (maxDifference < 0) {
      return String.format("top-1 agreement %d/%d (%.2f%%)", top1Agree, examples, 100.0 * top1Agreement());
    }
    return String.format("max difference %d, %.4f%% of %d values differ by 1, top-1 agreement %d/%d (%.2f%%)",
        maxDifference, 100.0 * fractionDifferByOne(), values, top1Agree, examples, 100.0 * top1Agreement());
  }
}
