package org.qat4j.core.format;

import java.io.IOException;

/**
 * The one exception a model file's content can cause: bad magic, unsupported version, wrong
 * length, checksum mismatch, a field outside its bounds, or a graph that fails validation. The
 * message gives the byte offset where it applies and the value found. Loading either returns a
 * complete, validated model or throws this; nothing is half-loaded. (I/O failures of the
 * underlying file or stream remain plain {@link IOException}s.)
 */
public final class ModelFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public ModelFormatException(String message) {
    super(message);
  }

  /** An exception with the given message and cause (e.g. the graph validation failure). */
  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
