package org.qat4j.core.format;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.qat4j.core.Qat4jVersion;

/**
 * What a model file says about its model besides the graph: a description, class labels, the
 * input layout the user feeds, and provenance (the qat4j version that wrote it, the JVM and
 * architecture, anything the exporter adds, e.g. the source network and the kernel variant).
 *
 * @param description free text, at most 16 KiB of UTF-8
 * @param classLabels one per output element, or empty; each at most 1 KiB of UTF-8
 * @param inputLayout the layout of the input the interpreter accepts
 * @param qat4jVersion the qat4j version that created the model
 * @param provenance key-value pairs, sorted by key; at most 256, keys up to 128 bytes, values up to 1 KiB
 */
public record ModelMetadata(String description, List<String> classLabels, InputLayout inputLayout,
    String qat4jVersion, SortedMap<String, String> provenance) {

  /** Validates the bounds above and makes the collections immutable. */
  public ModelMetadata {
    checkString("description", description, ModelFileFormat.MAX_DESCRIPTION_BYTES);
    classLabels = List.copyOf(classLabels);
    if (classLabels.size() > ModelFileFormat.MAX_LABELS) {
      throw new IllegalArgumentException(classLabels.size() + " class labels exceed the limit " + ModelFileFormat.MAX_LABELS);
    }
    for (String label : classLabels) {
      checkString("class label", label, ModelFileFormat.MAX_STRING_BYTES);
    }
    Objects.requireNonNull(inputLayout, "inputLayout");
    checkString("qat4j version", qat4jVersion, ModelFileFormat.MAX_KEY_BYTES);
    if (provenance.size() > ModelFileFormat.MAX_PROVENANCE_ENTRIES) {
      throw new IllegalArgumentException(provenance.size() + " provenance entries exceed the limit "
          + ModelFileFormat.MAX_PROVENANCE_ENTRIES);
    }
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : provenance.entrySet()) {
      checkString("provenance key", e.getKey(), ModelFileFormat.MAX_KEY_BYTES);
      checkString("provenance value", e.getKey(), e.getValue(), ModelFileFormat.MAX_STRING_BYTES);
      copy.put(e.getKey(), e.getValue());
    }
    provenance = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Metadata for a model created now: this qat4j's version and the running platform ({@code
   * java.version}, {@code java.vendor}, {@code java.vm.name}, {@code os.name}, {@code os.arch}) as
   * provenance.
   */
  public static ModelMetadata create(String description, List<String> classLabels, InputLayout inputLayout) {
    return new ModelMetadata(description, classLabels, inputLayout, Qat4jVersion.get(), currentPlatform());
  }

  /** This metadata with one more provenance entry (replacing one with the same key). */
  public ModelMetadata withProvenance(String key, String value) {
    TreeMap<String, String> p = new TreeMap<>(provenance);
    p.put(key, value);
    return new ModelMetadata(description, classLabels, inputLayout, qat4jVersion, p);
  }

  /** The running JVM and platform, the part of provenance that can change arithmetic outside the engine. */
  public static SortedMap<String, String> currentPlatform() {
    TreeMap<String, String> p = new TreeMap<>();
    for (String key : new String[] {"java.version", "java.vendor", "java.vm.name", "os.name", "os.arch"}) {
      p.put(key, truncate(System.getProperty(key, "unknown")));
    }
    return p;
  }

  private static String truncate(String s) {
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  private static void checkString(String what, String s, int maxBytes) {
    checkString(what, null, s, maxBytes);
  }

  /** Checks the UTF-8 length of {@code s}; {@code key}, if not null, names the provenance entry. */
  private static void checkString(String what, String key, String s, int maxBytes) {
    if (s == null) {
      throw new NullPointerException(key == null ? what : what + " for '" + key + "'");
    }
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new IllegalArgumentException((key == null ? what : what + " for '" + key + "'") + " has " + bytes
          + " UTF-8 bytes, more than the limit " + maxBytes);
    }
  }
}
