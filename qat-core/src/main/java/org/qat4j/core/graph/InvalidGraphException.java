package org.qat4j.core.graph;

/**
 * An integer graph that breaks a rule: the message names the op or tensor, the value found, what
 * is allowed and, where there is one, the fix.
 */
public final class InvalidGraphException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public InvalidGraphException(String message) {
    super(message);
  }

  /** An exception with the given message and the rule violation that caused it. */
  public InvalidGraphException(String message, Throwable cause) {
    super(message, cause);
  }
}
