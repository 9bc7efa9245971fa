package org.qat4j.datasets;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a downloadable IDX data set, and what its content must be.
 *
 * <p>On disk the file is {@code fileName} (raw) or {@code fileName + ".gz"}; downloads fetch
 * {@code fileName + ".gz"}. Verification is always of the <em>decompressed</em> bytes, so any
 * gzip header (Debian's files differ from upstream's only there) is accepted.
 *
 * @param fileName the decompressed file name, for example {@code train-images-idx3-ubyte}
 * @param size     the decompressed length in bytes
 * @param sha256   the SHA-256 of the decompressed bytes, lower-case hex
 */
public record RemoteFile(String fileName, long size, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the name is a plain file name, the size positive and the digest 64 hex digits.
     *
     * @param fileName the decompressed file name, for example {@code train-images-idx3-ubyte}
     * @param size the decompressed length in bytes
     * @param sha256 the SHA-256 of the decompressed bytes, lower-case hex
     */
    public RemoteFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("fileName '" + fileName + "' must be a plain file name");
        }
        if (size < 1) {
            throw new IllegalArgumentException(fileName + ": size " + size + " must be at least 1");
        }
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException(fileName + ": sha256 '" + sha256
                    + "' is not 64 lower-case hex digits");
        }
    }

    /** @return the name of the gzipped form, which downloads fetch and store */
    public String gzipName() {
        return fileName + ".gz";
    }
}
