package org.qat4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.qat4j.datasets.io.Checksums;

/**
 * The UCI optical-recognition handwritten digits, embedded in this jar: 1,797 grey 8x8
 * images, raw values 0..16, ten classes (the digits), always available offline.
 *
 * <p>The data is E. Alpaydin and C. Kaynak's "Optical Recognition of Handwritten Digits" (UCI
 * Machine Learning Repository) in the copy scikit-learn ships, {@code digits.csv.gz}
 * (BSD-3-Clause; see the {@code NOTICE} beside it). Each CSV row is 64 pixel values in
 * row-major order, then the label. The SHA-256 of the decompressed CSV is checked on every
 * load, and every value is range-checked.
 *
 * <p>It has no predefined split: use {@code Digits.load().split(0.2, seed)} (a stratified
 * split, the same for the same seed everywhere; see {@link LabeledImages#split}).
 */
public final class Digits {

    /** Number of images. */
    public static final int COUNT = 1797;
    /** Largest raw pixel value: each pixel counts the set pixels of a 4x4 block. */
    public static final int MAX_PIXEL_VALUE = 16;
    /** SHA-256 of the decompressed {@code digits.csv}. */
    public static final String SHA256 = "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8";
    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String RESOURCE = "digits.csv.gz";
    /** The resource's full name, which starts every error message. */
    private static final String SOURCE = "classpath:org/qat4j/datasets/" + RESOURCE;
    private static final ImageShape SHAPE = new ImageShape(1, 8, 8);
    /** Upper bound on the decompressed CSV (1,797 rows of at most 65 x 3 characters). */
    private static final int MAX_CSV_BYTES = COUNT * 65 * 3;

    private Digits() {
    }

    /**
     * Loads the embedded digits.
     *
     * @return 1,797 images of 1x8x8, raw values 0..16, in the file's order
     * @throws DatasetException if the embedded file is missing or altered (a broken build)
     */
    public static LabeledImages load() throws DatasetException {
        return parse(readVerified());
    }

    private static byte[] readVerified() throws DatasetException {
        String source = SOURCE;
        try (InputStream resource = Digits.class.getResourceAsStream(RESOURCE)) {
            if (resource == null) {
                throw new DatasetException(source, "resource is missing from the class path; the datasets jar is"
                        + " incomplete: rebuild it");
            }
            byte[] csv;
            try (InputStream in = new GZIPInputStream(resource)) {
                csv = in.readNBytes(MAX_CSV_BYTES + 1);
            }
            if (csv.length > MAX_CSV_BYTES) {
                throw new DatasetException(source, "decompresses to more than " + MAX_CSV_BYTES + " bytes;"
                        + " it is not the scikit-learn file: rebuild the jar");
            }
            var sha = Checksums.sha256();
            sha.update(csv);
            Checksums.requireMatch(source, "SHA-256 of the decompressed CSV", SHA256, Checksums.hex(sha));
            return csv;
        } catch (DatasetException e) {
            throw e;
        } catch (ZipException e) {
            throw new DatasetException(source, "is not valid gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(source, "cannot be read: " + e, e);
        }
    }

    private static LabeledImages parse(byte[] csv) throws DatasetException {
        int per = SHAPE.pixelsPerImage();
        byte[] pixels = new byte[COUNT * per];
        int[] labels = new int[COUNT];
        int row = 0;
        int field = 0;
        int value = -1; // -1: no digit yet in this field
        for (byte b : csv) {
            if (b >= '0' && b <= '9') {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
                if (value > MAX_PIXEL_VALUE) {
                    throw badValue(row, field, value);
                }
            } else if (b == ',' || b == '\n') {
                if (value < 0 || row >= COUNT) {
                    throw new DatasetException(SOURCE, "row " + row + " field " + field + " is empty or extra");
                }
                if (field < per) {
                    pixels[row * per + field] = (byte) value;
                } else if (field == per && value < CLASS_NAMES.size()) {
                    labels[row] = value;
                } else {
                    throw badValue(row, field, value);
                }
                field++;
                value = -1;
                if (b == '\n') {
                    if (field != per + 1) {
                        throw new DatasetException(SOURCE, "row " + row + " has " + field + " fields, not " + (per + 1));
                    }
                    row++;
                    field = 0;
                }
            } else if (b != '\r') {
                throw new DatasetException(SOURCE, "row " + row + " holds the character 0x"
                        + Integer.toHexString(b & 0xFF) + "; only digits, ',' and newlines are allowed");
            }
        }
        if (row != COUNT || field != 0 || value >= 0) {
            throw new DatasetException(SOURCE, "holds " + row + " complete rows, not " + COUNT);
        }
        return LabeledImages.wrap("UCI optical digits", SHAPE, pixels, labels, CLASS_NAMES, MAX_PIXEL_VALUE);
    }

    private static DatasetException badValue(int row, int field, int value) {
        return new DatasetException(SOURCE, "row " + row + " field " + field + " is " + value + ", outside "
                + (field < SHAPE.pixelsPerImage() ? "0.." + MAX_PIXEL_VALUE + " for a pixel"
                : "0.." + (CLASS_NAMES.size() - 1) + " for a label"));
    }
}
