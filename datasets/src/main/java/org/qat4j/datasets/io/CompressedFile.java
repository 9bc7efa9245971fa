package org.qat4j.datasets.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.qat4j.datasets.DatasetException;

/**
 * A data file that may or may not be gzip-compressed, told apart by its first two bytes
 * (0x1f 0x8b), never by its name.
 *
 * <p>{@link #decompressedLength} is what readers check header counts against before they
 * allocate: the file length for a raw file, the gzip trailer's ISIZE field (length mod 2^32)
 * for a gzip file. ISIZE is bounded by deflate's largest possible compression ratio
 * (1032:1), so a forged trailer cannot ask for more than about a thousand times the file's
 * size; the CRC-32 and ISIZE are verified again by {@link GZIPInputStream} at the end of the
 * stream.
 */
public final class CompressedFile {

    /** Deflate emits at least 2 bits per 258-byte match: at most ~1032 output bytes per input byte. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** A gzip member has a 10-byte header and an 8-byte trailer. */
    private static final int GZIP_OVERHEAD = 18;

    private CompressedFile() {
    }

    /**
     * Whether a file starts with the gzip magic bytes.
     *
     * @param file the file
     * @return true for 0x1f 0x8b
     * @throws IOException if it cannot be read
     */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * The number of bytes reading the file will produce.
     *
     * @param file the file
     * @return the file length, or the gzip trailer's ISIZE for a gzip file
     * @throws DatasetException if a gzip file is too short or its ISIZE is impossible
     */
    public static long decompressedLength(Path file) throws DatasetException {
        try {
            long size = Files.size(file);
            if (!isGzip(file)) {
                return size;
            }
            if (size < GZIP_OVERHEAD) {
                throw new DatasetException(file, "gzip file of " + size + " bytes is shorter than a gzip"
                        + " header and trailer (" + GZIP_OVERHEAD + " bytes): it is truncated");
            }
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                channel.position(size - 4);
                while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                    // read the 4 trailer bytes
                }
            }
            long isize = Integer.toUnsignedLong(trailer.flip().getInt());
            if (isize > size * MAX_DEFLATE_RATIO) {
                throw new DatasetException(file, "gzip trailer declares " + isize + " decompressed bytes,"
                        + " more than deflate can produce from " + size + " bytes: the file is truncated"
                        + " or corrupt");
            }
            return isize;
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the file for reading its (decompressed) bytes, buffered.
     *
     * @param file the file
     * @return a stream of the raw bytes, decompressed if the file is gzip
     * @throws IOException if it cannot be opened or its gzip header is bad
     */
    public static InputStream open(Path file) throws IOException {
        boolean gzip = isGzip(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return gzip ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }
}
