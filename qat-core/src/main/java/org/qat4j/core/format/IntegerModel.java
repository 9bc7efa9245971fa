package org.qat4j.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.qat4j.core.graph.IntegerGraph;
import org.qat4j.core.graph.Quantization;
import org.qat4j.core.graph.Shape;
import org.qat4j.core.io.AtomicFiles;

/**
 * An integer graph with its metadata: what a model file holds. Immutable and safe to share
 * between threads (each thread runs it with its own {@link org.qat4j.core.runtime.Interpreter}).
 *
 * <p>{@link #save(Path)} writes the format of {@link ModelFileFormat} to a temporary file in the
 * target's directory, forces it to disk and renames it over the target atomically, so a reader
 * sees the old file or the new one, never a partial one. {@link #load(Path)} and its siblings
 * check the header, the SHA-256 checksum (before parsing anything else), every count against the
 * bytes remaining and the format's limits, then validate the graph; any fault throws {@link
 * ModelFormatException}.
 */
public final class IntegerModel {

  private final IntegerGraph graph;
  private final ModelMetadata metadata;

  /**
   * A model from a validated graph and its metadata.
   *
   * @throws IllegalArgumentException if there are class labels but not one per output element
   */
  public IntegerModel(IntegerGraph graph, ModelMetadata metadata) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    int outputs = graph.output().shape().elementCount();
    if (!metadata.classLabels().isEmpty() && metadata.classLabels().size() != outputs) {
      throw new IllegalArgumentException(metadata.classLabels().size() + " class labels for " + outputs
          + " outputs; give one label per output or none");
    }
  }

  /** The integer graph. */
  public IntegerGraph graph() {
    return graph;
  }

  /** Description, labels, input layout and provenance. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /**
   * The per-example input shape in the layout the user feeds ({@link ModelMetadata#inputLayout()}):
   * {@code [C, H, W]} for NCHW feature maps, the graph's {@code [H, W, C]} for NHWC, vectors as they are.
   */
  public Shape inputShape() {
    Shape nhwc = graph.input().shape();
    if (metadata.inputLayout() == InputLayout.NCHW && nhwc.rank() == 3) {
      return Shape.of(nhwc.dim(2), nhwc.dim(0), nhwc.dim(1));
    }
    return nhwc;
  }

  /** The scale and zero point the input is quantized with. */
  public Quantization inputQuantization() {
    return graph.inputQuantization();
  }

  /** The model in the file format, as bytes. */
  public byte[] toBytes() {
    return ModelWriter.write(this);
  }

  /**
   * Writes the model to {@code target} atomically: temporary file in the same directory, forced to
   * disk, then renamed over the target. The temporary file is removed if anything fails.
   *
   * @throws IOException if writing fails or the file system cannot rename atomically
   */
  public void save(Path target) throws IOException {
    AtomicFiles.write(target, toBytes());
  }

  /**
   * Loads a model file. The file must be exactly one model: no trailing bytes.
   *
   * @throws ModelFormatException if the content is not a valid model
   * @throws IOException if the file cannot be read
   */
  public static IntegerModel load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > (long) ModelFileFormat.HEADER_BYTES + ModelFileFormat.MAX_PAYLOAD_BYTES) {
      throw new ModelFormatException(file + " has " + size + " bytes, more than a model file may have ("
          + ((long) ModelFileFormat.HEADER_BYTES + ModelFileFormat.MAX_PAYLOAD_BYTES) + ")");
    }
    return ModelReader.read(Files.readAllBytes(file));
  }

  /**
   * Loads a model from a stream, reading exactly the header and the payload it declares and
   * nothing beyond (so a model can be embedded in a larger stream). The stream is not closed.
   *
   * @throws ModelFormatException if the content is not a valid model or the stream ends early
   */
  public static IntegerModel load(InputStream in) throws IOException {
    return ModelReader.read(in);
  }

  /**
   * Loads a model from bytes holding exactly one model file; the array must not change during the call.
   *
   * @throws ModelFormatException if the content is not a valid model
   */
  public static IntegerModel load(byte[] file) throws ModelFormatException {
    return ModelReader.read(file);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntegerModel m && graph.equals(m.graph) && metadata.equals(m.metadata);
  }

  @Override
  public int hashCode() {
    return 31 * graph.hashCode() + metadata.hashCode();
  }

  @Override
  public String toString() {
    return "IntegerModel '" + metadata.description() + "', input " + inputShape() + " " + metadata.inputLayout()
        + "\n" + graph;
  }
}
