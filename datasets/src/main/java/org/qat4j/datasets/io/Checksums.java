package org.qat4j.datasets.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipException;
import org.qat4j.datasets.DatasetException;

/** Digests (SHA-256, MD5) as lower-case hex, and the check that compares them. */
public final class Checksums {

    private Checksums() {
    }

    /** @return a fresh SHA-256 digest */
    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    /** @return a fresh MD5 digest (only to compare with digests that publishers give as MD5) */
    public static MessageDigest md5() {
        return digest("MD5");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide " + algorithm, e);
        }
    }

    /**
     * Lower-case hex of a finished digest.
     *
     * @param digest the digest, which this call completes
     * @return its value as lower-case hex
     */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The length and SHA-256 of a file's content, decompressed if it is gzip, computed while
     * streaming (nothing is held in memory).
     *
     * @param length the number of decompressed bytes
     * @param sha256 their SHA-256, lower-case hex
     */
    public record ContentDigest(long length, String sha256) {
    }

    /**
     * Streams a file, decompressing it if it is gzip, and digests the content.
     *
     * @param file the file
     * @return its decompressed length and SHA-256
     * @throws DatasetException if it cannot be read or its gzip stream is corrupt or truncated
     */
    public static ContentDigest digestContent(Path file) throws DatasetException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(CompressedFile.open(file), sha)) {
            long length = in.transferTo(OutputStream.nullOutputStream());
            return new ContentDigest(length, hex(sha));
        } catch (EOFException e) {
            throw new DatasetException(file, "ends early: it is truncated", e);
        } catch (ZipException e) {
            throw new DatasetException(file, "is not valid gzip (" + e.getMessage() + "): it is corrupt", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * Compares a computed digest with the expected one (case-insensitive hex).
     *
     * @param source   the file or URL, for the message
     * @param what     what was digested, for example "SHA-256 of the decompressed bytes"
     * @param expected the published value
     * @param actual   the computed value
     * @throws DatasetException naming both values if they differ
     */
    public static void requireMatch(String source, String what, String expected, String actual)
            throws DatasetException {
        if (!expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT))) {
            throw new DatasetException(source, what + " is " + actual + " but must be " + expected
                    + ": the file is corrupt, truncated or a different file; delete it and fetch it again");
        }
    }
}
