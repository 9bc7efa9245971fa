package org.qat4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way qat4j writes a file: to a temporary name in the target's directory, then renamed
 * over the target in one atomic step, so a reader sees the old file or the whole new one, never a
 * half-written one, and a failed write leaves no temporary file behind.
 *
 * <p>The temporary file is {@code .<name>.<random hex>.tmp}, created with {@code CREATE_NEW} (never
 * an existing file) rather than {@code Files.createTempFile}, which would give it mode 0600 where a
 * model or report should get the directory's usual permissions.
 */
public final class AtomicFiles {

  /** Writes the content of a file, given the temporary path to write it to. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole file.
     *
     * @param path the temporary file, already created and empty
     * @throws IOException if writing fails
     */
    void writeTo(Path path) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}, flushed to the device before the rename.
   *
   * @param target the file to create or replace; its directory must exist
   * @param bytes the whole content
   * @throws IOException if writing fails or the file system cannot rename atomically
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path tmp = createTemporary(absolute);
    try { // from here on the temporary file is ours to delete
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Lets {@code content} write the temporary file (for writers that take a path, such as a
   * library's serializer), then renames it over {@code target}.
   *
   * @param target the file to create or replace; its directory must exist
   * @param content writes the whole file to the temporary path it is given
   * @throws IOException if writing fails or the file system cannot rename atomically
   */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path tmp = createTemporary(absolute);
    try {
      content.writeTo(tmp);
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path createTemporary(Path absoluteTarget) throws IOException {
    Path tmp = absoluteTarget.getParent().resolve("." + absoluteTarget.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    Files.createFile(tmp); // fails if the name exists: never another writer's file
    return tmp;
  }
}
