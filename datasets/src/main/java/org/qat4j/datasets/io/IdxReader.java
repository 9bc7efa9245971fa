package org.qat4j.datasets.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.qat4j.datasets.DatasetException;

/**
 * Reads IDX files of unsigned bytes (the MNIST / Fashion-MNIST format), raw or gzipped.
 *
 * <p>Format: a 4-byte magic {@code 00 00 08 d} (type 0x08 = unsigned byte, {@code d} =
 * number of dimensions), then {@code d} big-endian int32 sizes, then the values, row-major.
 *
 * <p>Checks, in order, before anything is returned: the magic (zeros, type 0x08, the expected
 * number of dimensions); every size at least 1; header length plus the product of the sizes
 * equal to the file's decompressed length ({@link CompressedFile#decompressedLength}) — before
 * the data array is allocated, so a header cannot make the reader allocate more than the
 * file holds; the data read in full; nothing after it; the gzip CRC; and, when one is given,
 * the SHA-256 of the decompressed bytes.
 */
public final class IdxReader {

    /** IDX type code of unsigned bytes. */
    private static final int TYPE_UNSIGNED_BYTE = 0x08;
    /** Largest array Java can allocate, with a margin that every JVM accepts. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /**
     * Reads and checks one IDX file.
     *
     * @param file           the file, raw or gzip
     * @param dimensions     the number of dimensions it must have (3 for images, 1 for labels)
     * @param expectedSha256 the SHA-256 of the decompressed file, lower-case hex, or null to
     *                       skip the check (the digest is returned either way)
     * @return the array
     * @throws DatasetException naming the file and the problem
     */
    public static IdxArray read(Path file, int dimensions, String expectedSha256) throws DatasetException {
        long length = CompressedFile.decompressedLength(file);
        MessageDigest sha = Checksums.sha256();
        try (InputStream raw = CompressedFile.open(file);
             DataInputStream in = new DataInputStream(new DigestInputStream(raw, sha))) {
            int[] dims = readHeader(in, file, dimensions);
            long headerBytes = 4L + 4L * dimensions;
            long values = 1;
            for (int d : dims) {
                values *= d; // values <= 2^31 before and d < 2^31: the product fits in a long
                if (values > MAX_ARRAY) {
                    throw new DatasetException(file, "header sizes " + Arrays.toString(dims)
                            + " describe more than " + MAX_ARRAY + " values; this reader handles at most that");
                }
            }
            if (headerBytes + values != length) {
                throw new DatasetException(file, "header sizes " + Arrays.toString(dims) + " need "
                        + (headerBytes + values) + " bytes but the file holds " + length
                        + (length < headerBytes + values ? ": it is truncated" : ": the counts are wrong")
                        + "; fetch the file again");
            }
            byte[] data = new byte[(int) values];
            in.readFully(data);
            if (in.read() != -1) {
                throw new DatasetException(file, "has bytes after the " + values
                        + " values its header declares: the counts are wrong; fetch the file again");
            }
            String actual = Checksums.hex(sha);
            if (expectedSha256 != null) {
                Checksums.requireMatch(file.toString(), "SHA-256 of the decompressed bytes", expectedSha256, actual);
            }
            return new IdxArray(dims, data, actual);
        } catch (DatasetException e) {
            throw e;
        } catch (EOFException e) {
            throw new DatasetException(file, "ends before the data its header declares: it is truncated;"
                    + " fetch the file again", e);
        } catch (ZipException e) {
            throw new DatasetException(file, "is not valid gzip (" + e.getMessage() + "): it is corrupt;"
                    + " fetch the file again", e);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "does not exist", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e, e);
        }
    }

    private static int[] readHeader(DataInputStream in, Path file, int dimensions) throws IOException {
        int zero0 = in.readUnsignedByte();
        int zero1 = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int dims = in.readUnsignedByte();
        if (zero0 != 0 || zero1 != 0 || type != TYPE_UNSIGNED_BYTE || dims != dimensions) {
            throw new DatasetException(file, String.format("magic number 0x%02x%02x%02x%02x is not an IDX file"
                    + " of unsigned bytes with %d dimensions (0x000008%02x)", zero0, zero1, type, dims,
                    dimensions, dimensions)
                    + (dimensions == 3 ? "; expected an image file" : "; expected a label file"));
        }
        int[] sizes = new int[dimensions];
        for (int k = 0; k < dimensions; k++) {
            sizes[k] = in.readInt();
            if (sizes[k] < 1) {
                throw new DatasetException(file, "header size " + k + " is " + sizes[k]
                        + "; every size must be at least 1");
            }
        }
        return sizes;
    }
}
