package org.qat4j.datasets.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An unsigned-byte IDX array as read from a file: its dimensions, its data and the SHA-256 of
 * the whole decompressed file (header included).
 *
 * @param dimensions the sizes from the header, outermost first ({@code [count, rows, cols]} for
 *                   images, {@code [count]} for labels)
 * @param data       the values, row-major, {@code product(dimensions)} of them
 * @param sha256     lower-case hex SHA-256 of the decompressed file
 */
public record IdxArray(int[] dimensions, byte[] data, String sha256) {

    /**
     * Checks that the data length is the product of the dimensions.
     *
     * @param dimensions the sizes from the header, outermost first ({@code [count, rows, cols]} for images, {@code [count]} for labels)
     * @param data the values, row-major, {@code product(dimensions)} of them
     * @param sha256 lower-case hex SHA-256 of the decompressed file
     */
    public IdxArray {
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sha256, "sha256");
        long product = 1;
        for (int d : dimensions) {
            product *= d;
        }
        if (product != data.length) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dimensions) + " need "
                    + product + " values, got " + data.length);
        }
    }

    /** @return the outermost dimension: the number of items */
    public int count() {
        return dimensions[0];
    }
}
