package org.qat4j.core.graph;

/**
 * Hard limits of an integer graph. They keep every count small enough that validation, file
 * loading and buffer planning can neither overflow an int nor be talked into allocating memory a
 * hostile file merely claims. Real models are far inside them.
 */
public final class GraphLimits {

  /** Most tensors in one graph. */
  public static final int MAX_TENSORS = 1 << 16;

  /** Most ops in one graph. */
  public static final int MAX_OPS = 1 << 16;

  /** Most dimensions of a per-example tensor shape (NHWC without the batch: 3). */
  public static final int MAX_RANK = 4;

  /** Most elements of one tensor per example, and of one weight tensor. */
  public static final int MAX_TENSOR_ELEMENTS = 1 << 26;

  /** Most activation elements per example summed over all tensors (bounds interpreter buffers). */
  public static final long MAX_TOTAL_ELEMENTS = 1L << 28;

  /** Largest filter size, stride, dilation or padding along one axis. */
  public static final int MAX_WINDOW_EXTENT = 4096;

  /** Most elements in one pooling window; keeps the average-pool int32 sum exact (128 * 2^20). */
  public static final int MAX_POOL_WINDOW_ELEMENTS = 1 << 20;

  /** Longest tensor or op name, in chars. */
  public static final int MAX_NAME_CHARS = 256;

  private GraphLimits() {}

  /**
   * Checks a tensor or op name: 1 to {@link #MAX_NAME_CHARS} chars, no control characters.
   *
   * @param what the owner, for the message: e.g. "tensor"
   */
  static String checkName(String what, String name) {
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(what + " name " + problem);
    }
    return name;
  }

  /**
   * As {@link #checkName(String, String)} for an op of {@code kind}, whose message says "Conv2D op
   * name ...": a separate method so that no "Conv2D op" string is built when the name is fine.
   */
  static void checkOpName(String kind, String name) {
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(kind + " op name " + problem);
    }
  }

  /** What is wrong with a name, for a message after "name", or null if nothing. */
  private static String nameProblem(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS) {
      return (name == null ? "null" : "'" + name + "'") + " must have 1 to " + MAX_NAME_CHARS + " chars";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "'" + name + "' has a control character at index " + i + "; use printable characters";
      }
    }
    return null;
  }

  /** Checks a window extent (filter size, stride, dilation) in [1, MAX_WINDOW_EXTENT]. */
  static void checkExtent(String what, int value) {
    if (value < 1 || value > MAX_WINDOW_EXTENT) {
      throw new IllegalArgumentException(what + " " + value + " is outside [1, " + MAX_WINDOW_EXTENT + "]");
    }
  }
}
