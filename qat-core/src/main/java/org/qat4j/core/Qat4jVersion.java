package org.qat4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The qat4j version, for provenance in model files and reports. */
public final class Qat4jVersion {

  private static final String VERSION = load();

  private Qat4jVersion() {}

  /** The version of qat-core on the class path, as the build wrote it into {@code version.properties}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Qat4jVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read qat-core's version.properties", e);
    }
  }
}
