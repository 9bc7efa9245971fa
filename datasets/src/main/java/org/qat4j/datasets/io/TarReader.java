package org.qat4j.datasets.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming reader of tar archives (POSIX ustar and the GNU and v7 variants), enough
 * to take regular files out of a data set archive with no external tool.
 *
 * <p>A tar archive is a sequence of 512-byte header blocks, each followed by the entry's
 * content padded to a multiple of 512, and ends with two zero blocks. Each header's checksum
 * (the sum of its bytes with the checksum field taken as spaces) is verified. Sizes are octal,
 * or base-256 when the first size byte has its high bit set (GNU). Names join the POSIX ustar
 * prefix field and the name field (GNU headers, whose magic is {@code "ustar "}, have no prefix). PAX and GNU long-name records are skipped like any non-regular
 * entry: their names are not applied, so entries whose names exceed 100 characters keep a
 * truncated name (data set archives use short names).
 */
public final class TarReader {

    private static final int BLOCK = 512;

    /** One entry: its name, type flag and content size. */
    public record Entry(String name, char type, long size) {

        /** @return whether it is a regular file (type '0' or NUL) */
        public boolean isFile() {
            return type == '0' || type == '\0';
        }
    }

    private final InputStream in;
    private final String source;
    private long remaining;
    private long padding;

    /**
     * Reads entries from an already decompressed tar stream.
     *
     * @param in     the tar bytes; the caller closes it
     * @param source the archive name, for messages
     */
    public TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /**
     * Skips what is left of the current entry and reads the next header.
     *
     * @return the next entry, or null at the end of the archive
     * @throws IOException if the archive is truncated or a header is corrupt
     */
    public Entry next() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        byte[] header = in.readNBytes(BLOCK);
        if (header.length == 0) {
            return null; // some writers omit the closing zero blocks
        }
        if (header.length < BLOCK) {
            throw new EOFException(source + ": tar header truncated after " + header.length + " bytes");
        }
        if (isZero(header)) {
            return null;
        }
        verifyChecksum(header);
        String name = text(header, 0, 100);
        if (isPosixUstar(header) && header[345] != 0) {
            name = text(header, 345, 155) + "/" + name;
        }
        long size = size(header);
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        return new Entry(name, (char) header[156], size);
    }

    /**
     * Reads the current entry's content in full.
     *
     * @param into where to put it; its length must equal the entry's size
     * @throws IOException if the archive ends early
     */
    public void readContent(byte[] into) throws IOException {
        if (into.length != remaining) {
            throw new IllegalArgumentException("buffer of " + into.length + " bytes for an entry with "
                    + remaining + " bytes left");
        }
        int n = in.readNBytes(into, 0, into.length);
        if (n < into.length) {
            throw new EOFException(source + ": tar entry truncated after " + n + " of " + into.length + " bytes");
        }
        remaining = 0;
    }

    private void skipFully(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(source + ": tar archive ends inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private void verifyChecksum(byte[] header) throws IOException {
        long stored = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xFF);
        }
        if (sum != stored) {
            throw new IOException(source + ": tar header checksum is " + stored + " but the header sums to "
                    + sum + ": the archive is corrupt");
        }
    }

    private long size(byte[] header) throws IOException {
        if ((header[124] & 0x80) != 0) { // GNU base-256: big-endian in the remaining bits
            long value = header[124] & 0x7F;
            for (int i = 125; i < 136; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new IOException(source + ": tar entry size does not fit in 63 bits");
                }
                value = (value << 8) | (header[i] & 0xFF);
            }
            return value;
        }
        return octal(header, 124, 12);
    }

    private long octal(byte[] header, int offset, int length) throws IOException {
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7 || value > (Long.MAX_VALUE >> 3)) {
                throw new IOException(source + ": tar header field at offset " + offset
                        + " is not an octal number: the archive is corrupt");
            }
            value = (value << 3) | digit;
        }
        return value;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** POSIX magic "ustar\0"; GNU's "ustar " keeps other fields at offset 345, not a name prefix. */
    private static boolean isPosixUstar(byte[] header) {
        return header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
