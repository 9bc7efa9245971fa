package org.qat4j.datasets.io;

import org.qat4j.datasets.DatasetException;

/**
 * Parses the CIFAR-10 binary record format: each record is 1 label byte followed by
 * 3,072 pixel bytes (1,024 red, then 1,024 green, then 1,024 blue, each 32x32 row-major), so
 * a record is already one image in CHW order. The files have no header; a file of
 * {@code n} records is exactly {@code 3073 n} bytes.
 */
public final class CifarRecords {

    /** Bytes of pixels per record: 3 x 32 x 32. */
    public static final int PIXELS = 3 * 32 * 32;
    /** Bytes per record: the label byte and the pixels. */
    public static final int RECORD = 1 + PIXELS;

    private CifarRecords() {
    }

    /**
     * Checks that a file or archive entry has the expected length; call before allocating.
     *
     * @param source   the file or entry, for messages
     * @param length   its length in bytes
     * @param expected the number of records it must hold
     * @throws DatasetException if the length is not {@code expected * 3073}
     */
    public static void requireLength(String source, long length, int expected) throws DatasetException {
        long needed = (long) expected * RECORD;
        if (length != needed) {
            throw new DatasetException(source, "is " + length + " bytes but " + expected + " records of "
                    + RECORD + " bytes need " + needed
                    + (length < needed ? ": it is truncated" : ": the record count is wrong")
                    + "; fetch the data again");
        }
    }

    /**
     * Copies the records of one file into the data set's arrays.
     *
     * @param source      the file or entry, for messages
     * @param bytes       the whole file, a multiple of 3,073 bytes
     * @param numClasses  labels must be below this
     * @param pixels      destination of the pixels, {@link #PIXELS} bytes per image
     * @param labels      destination of the labels
     * @param firstRecord the image index the file's first record becomes
     * @throws DatasetException if a label is out of range
     */
    public static void parse(String source, byte[] bytes, int numClasses, byte[] pixels, int[] labels,
                             int firstRecord) throws DatasetException {
        requireLength(source, bytes.length, bytes.length / RECORD);
        int records = bytes.length / RECORD;
        for (int r = 0; r < records; r++) {
            int label = bytes[r * RECORD] & 0xFF;
            if (label >= numClasses) {
                throw new DatasetException(source, "record " + r + " has label " + label + ", outside 0.."
                        + (numClasses - 1) + ": the file is corrupt or not a CIFAR-10 batch");
            }
            labels[firstRecord + r] = label;
            System.arraycopy(bytes, r * RECORD + 1, pixels, (firstRecord + r) * PIXELS, PIXELS);
        }
    }
}
