package org.qat4j.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qat4j.datasets.TestFiles.gzip;
import static org.qat4j.datasets.TestFiles.idx;
import static org.qat4j.datasets.TestFiles.randomBytes;
import static org.qat4j.datasets.TestFiles.sha256;
import static org.qat4j.datasets.TestFiles.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.datasets.DatasetException;

/** The IDX reader on small generated files, raw and gzip, and on every kind of damage. */
class IdxReaderTest {

    @TempDir
    Path dir;

    private final byte[] data = randomBytes(7 * 3 * 4, 11);
    private final byte[] file = idx(new int[] {7, 3, 4}, data);

    @Test
    void readsRawAndGzipAlike() throws Exception {
        for (Path path : new Path[] {write(dir.resolve("raw"), file), write(dir.resolve("gz"), gzip(file))}) {
            IdxArray array = IdxReader.read(path, 3, sha256(file));
            assertArrayEquals(new int[] {7, 3, 4}, array.dimensions());
            assertArrayEquals(data, array.data());
            assertEquals(sha256(file), array.sha256(), "digest of the decompressed bytes");
            assertEquals(7, array.count());
        }
        IdxArray labels = IdxReader.read(write(dir.resolve("labels"), idx(new int[] {5}, new byte[] {1, 2, 3, 4, 9})),
                1, null);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 9}, labels.data());
    }

    @Test
    void rejectsTruncatedFiles() {
        Path raw = write(dir.resolve("raw"), Arrays.copyOf(file, file.length - 5));
        assertProblem(raw, 3, "truncated");
        Path gz = write(dir.resolve("gz"), Arrays.copyOf(gzip(file), gzip(file).length / 2));
        assertProblem(gz, 3, "");
        Path tiny = write(dir.resolve("tiny.gz"), Arrays.copyOf(gzip(file), 12));
        assertProblem(tiny, 3, "truncated");
        Path headerOnly = write(dir.resolve("header"), Arrays.copyOf(file, 10));
        assertProblem(headerOnly, 3, "truncated");
    }

    @Test
    void rejectsCorruptGzip() {
        byte[] badCrc = gzip(file);
        badCrc[badCrc.length - 6] ^= 0x5A; // inside the CRC-32 of the trailer
        assertProblem(write(dir.resolve("crc.gz"), badCrc), 3, "not valid gzip");
        for (int position = 12; position < gzip(file).length - 8; position += 7) {
            byte[] flipped = gzip(file);
            flipped[position] ^= (byte) 0xFF;
            Path path = write(dir.resolve("flip" + position + ".gz"), flipped);
            assertThrows(DatasetException.class, () -> IdxReader.read(path, 3, null), "flip at " + position);
        }
    }

    @Test
    void rejectsAForgedGzipLength() {
        byte[] gz = gzip(file);
        ByteBuffer.wrap(gz, gz.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFFFFFFF0);
        assertProblem(write(dir.resolve("isize.gz"), gz), 3, "more than deflate can produce");
    }

    @Test
    void rejectsWrongMagic() {
        byte[] type = file.clone();
        type[2] = 0x0D; // float
        assertProblem(write(dir.resolve("type"), type), 3, "magic number 0x00000d03");
        byte[] nonZero = file.clone();
        nonZero[0] = 1;
        assertProblem(write(dir.resolve("nonzero"), nonZero), 3, "magic number 0x01000803");
        assertProblem(write(dir.resolve("dims"), file), 1, "label file");
        assertProblem(write(dir.resolve("dims.gz"), gzip(idx(new int[] {4}, new byte[4]))), 3, "image file");
    }

    @Test
    void rejectsCountsThatDisagreeWithTheFileLength() {
        assertProblem(write(dir.resolve("more"), idx(new int[] {8, 3, 4}, data)), 3, "truncated");
        assertProblem(write(dir.resolve("fewer"), idx(new int[] {6, 3, 4}, data)), 3, "counts are wrong");
        assertProblem(write(dir.resolve("extra.gz"), gzip(idx(new int[] {6, 3, 4}, data))), 3, "counts are wrong");
        assertProblem(write(dir.resolve("zero"), idx(new int[] {0, 3, 4}, new byte[0])), 3, "at least 1");
        assertProblem(write(dir.resolve("negative"), idx(new int[] {7, -3, 4}, data)), 3, "at least 1");
        // Headers that would need huge arrays are rejected from the file length, before allocating:
        // 2e9 bytes would not fit in the test JVM's 2 GB heap.
        assertProblem(write(dir.resolve("huge"), idx(new int[] {2_000_000_000}, new byte[3])), 1, "truncated");
        assertProblem(write(dir.resolve("huge.gz"), gzip(idx(new int[] {2_000_000_000}, new byte[3]))), 1,
                "truncated");
        assertProblem(write(dir.resolve("overflow"), idx(new int[] {Integer.MAX_VALUE, 28, 28}, data)), 3,
                "more than");
    }

    @Test
    void rejectsAChecksumMismatch() {
        Path path = write(dir.resolve("ok.gz"), gzip(file));
        assertProblem(path, 3, "SHA-256", sha256(new byte[] {1}));
    }

    @Test
    void rejectsAMissingFile() {
        assertThrows(DatasetException.class, () -> IdxReader.read(dir.resolve("absent"), 3, null));
    }

    private static void assertProblem(Path path, int dims, String expected) {
        assertProblem(path, dims, expected, null);
    }

    private static void assertProblem(Path path, int dims, String expected, String sha) {
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(path, dims, sha));
        assertTrue(e.getMessage().startsWith(path.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
        assertEquals(path.toString(), e.source());
    }
}
