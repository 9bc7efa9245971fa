package org.qat4j.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;

/** Helpers for the format tests: the frozen fixture, resealing mutated files, allocation measurement. */
final class ModelFiles {

  static final String FIXTURE = "small-cnn-v1.qat4j";

  private ModelFiles() {}

  static byte[] fixture() {
    try (InputStream in = ModelFiles.class.getResourceAsStream(FIXTURE)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + FIXTURE + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Recomputes the header's payload length and SHA-256, as a hostile writer would. */
  static byte[] reseal(byte[] file) {
    byte[] out = file.clone();
    long length = out.length - ModelFileFormat.HEADER_BYTES;
    for (int i = 0; i < 8; i++) {
      out[16 + i] = (byte) (length >>> (8 * i));
    }
    byte[] payload = java.util.Arrays.copyOfRange(out, ModelFileFormat.HEADER_BYTES, out.length);
    System.arraycopy(ModelWriter.sha256(payload), 0, out, 24, 32);
    return out;
  }

  /** Bytes allocated by this thread so far, or -1 if the JVM cannot tell. */
  static long allocatedBytes() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
