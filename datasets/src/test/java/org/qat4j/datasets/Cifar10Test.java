package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 loading on small files written in the real binary and tar.gz formats. */
class Cifar10Test {

    private static final int RECORDS = 7;

    @TempDir
    Path tmp;

    /** Six batches of 7 random records; batch k's labels and pixels come from seed k. */
    private final byte[][] labels = new byte[6][];
    private final byte[][] pixels = new byte[6][];
    private final byte[][] batches = new byte[6][];

    Cifar10Test() {
        for (int k = 0; k < 6; k++) {
            labels[k] = TestFiles.randomLabels(RECORDS, 10, 100 + k);
            pixels[k] = TestFiles.randomBytes(RECORDS * 3072, 200 + k);
            batches[k] = TestFiles.cifarBatch(labels[k], pixels[k]);
        }
    }

    private static List<String> names() {
        return Cifar10.SOURCE.allFiles();
    }

    private byte[] archive(int... leaveOut) {
        Map<String, byte[]> entries = TestFiles.entries();
        entries.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        for (int k = 0; k < 6; k++) {
            final int batch = k;
            if (Arrays.stream(leaveOut).noneMatch(x -> x == batch)) {
                entries.put("cifar-10-batches-bin/" + names().get(k), batches[k]);
            }
        }
        entries.put("cifar-10-batches-bin/readme.html", "<html/>".getBytes());
        return TestFiles.gzip(TestFiles.tar(entries));
    }

    private static CifarSource source(byte[] archive, List<java.net.URI> urls) {
        CifarSource real = Cifar10.SOURCE;
        return new CifarSource("Tiny CIFAR", "tiny-cifar", urls, real.archiveFileName(), archive.length,
                TestFiles.digest("MD5", archive), real.memberDirectory(), real.trainFiles(), real.testFile(),
                RECORDS, real.classNames());
    }

    private DataOptions options(Path dir) {
        return new DataOptions(dir, false, tmp.resolve("root"), null, IdxLoaderTest.NO_NETWORK);
    }

    private void assertContents(TrainTest data) {
        assertEquals(new ImageShape(3, 32, 32), data.train().shape());
        assertEquals(5 * RECORDS, data.train().size());
        assertEquals(RECORDS, data.test().size());
        byte[] train = data.train().pixelBytes();
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(pixels[k], Arrays.copyOfRange(train, k * RECORDS * 3072, (k + 1) * RECORDS * 3072),
                    "batch " + (k + 1) + " in order");
            for (int r = 0; r < RECORDS; r++) {
                assertEquals(labels[k][r], data.train().label(k * RECORDS + r));
            }
        }
        assertArrayEquals(pixels[5], data.test().pixelBytes());
        // Record layout: the first 1024 pixel bytes are red, i.e. channel 0.
        assertEquals(pixels[5][1024] & 0xFF, data.test().pixel(0, 1024), "first green pixel of test image 0");
        assertEquals(Cifar10.CLASS_NAMES, data.test().classNames());
    }

    @Test
    void readsExtractedBatches() throws Exception {
        byte[] archive = archive();
        for (Path dir : new Path[] {tmp.resolve("a/cifar-10-batches-bin"), tmp.resolve("b")}) {
            for (int k = 0; k < 6; k++) {
                TestFiles.write(dir.resolve(names().get(k)), batches[k]);
            }
        }
        assertContents(CifarLoader.load(source(archive, List.of()), options(tmp.resolve("a"))));
        assertContents(CifarLoader.load(source(archive, List.of()), options(tmp.resolve("b"))));
    }

    @Test
    void readsTheArchiveAndChecksItsMd5AndSize() throws Exception {
        byte[] archive = archive();
        Path dir = tmp.resolve("d");
        TestFiles.write(dir.resolve("cifar-10-binary.tar.gz"), archive);
        assertContents(CifarLoader.load(source(archive, List.of()), options(dir)));

        CifarSource otherMd5 = new CifarSource("Tiny CIFAR", "tiny-cifar", List.of(), "cifar-10-binary.tar.gz",
                archive.length, "0123456789abcdef0123456789abcdef", "cifar-10-batches-bin",
                Cifar10.SOURCE.trainFiles(), "test_batch.bin", RECORDS, Cifar10.CLASS_NAMES);
        DatasetException md5 = assertThrows(DatasetException.class, () -> CifarLoader.load(otherMd5, options(dir)));
        assertTrue(md5.getMessage().contains("MD5 of the archive is " + TestFiles.digest("MD5", archive)),
                md5.getMessage());

        DatasetException size = assertThrows(DatasetException.class,
                () -> CifarLoader.load(Cifar10.SOURCE, options(dir)));
        assertTrue(size.getMessage().contains("is " + archive.length + " bytes but cifar-10-binary.tar.gz is 170052171"),
                size.getMessage());
    }

    @Test
    void rejectsDamagedArchives() throws Exception {
        byte[] archive = archive();
        byte[] truncated = Arrays.copyOf(archive, archive.length / 2);
        assertArchiveProblem(truncated, source(truncated, List.of()), "");

        byte[] incomplete = archive(3);
        assertArchiveProblem(incomplete, source(incomplete, List.of()), "lacks data_batch_4.bin");

        byte[] corrupt = archive.clone();
        corrupt[corrupt.length / 2] ^= (byte) 0xFF;
        assertArchiveProblem(corrupt, source(corrupt, List.of()), "");
    }

    @Test
    void rejectsWrongRecordCountsAndLabels() throws Exception {
        byte[] archive = archive();
        Path dir = tmp.resolve("x/cifar-10-batches-bin");
        for (int k = 0; k < 6; k++) {
            TestFiles.write(dir.resolve(names().get(k)), batches[k]);
        }
        TestFiles.write(dir.resolve("data_batch_2.bin"), Arrays.copyOf(batches[1], batches[1].length - 1));
        DatasetException count = assertThrows(DatasetException.class,
                () -> CifarLoader.load(source(archive, List.of()), options(tmp.resolve("x"))));
        assertTrue(count.getMessage().startsWith(dir.resolve("data_batch_2.bin").toString()), count.getMessage());
        assertTrue(count.getMessage().contains("truncated"), count.getMessage());

        byte[] badLabel = batches[1].clone();
        badLabel[3 * 3073] = 10;
        TestFiles.write(dir.resolve("data_batch_2.bin"), badLabel);
        DatasetException label = assertThrows(DatasetException.class,
                () -> CifarLoader.load(source(archive, List.of()), options(tmp.resolve("x"))));
        assertTrue(label.getMessage().contains("record 3 has label 10, outside 0..9"), label.getMessage());

        // The real source expects 10,000 records: the small files are rejected by length alone.
        DatasetException real = assertThrows(DatasetException.class,
                () -> CifarLoader.load(Cifar10.SOURCE, options(tmp.resolve("x"))));
        assertTrue(real.getMessage().contains("10000 records of 3073 bytes need 30730000"), real.getMessage());
    }

    @Test
    void downloadsVerifiesAndRejectsAMismatch() throws Exception {
        byte[] archive = archive();
        Path served = TestFiles.write(tmp.resolve("served/cifar-10-binary.tar.gz"), archive);
        Path target = tmp.resolve("target");
        DataOptions download = new DataOptions(target, true, tmp.resolve("root"), null,
                org.qat4j.datasets.io.HttpDownloader.quiet());
        assertContents(CifarLoader.load(source(archive, List.of(served.toUri())), download));
        assertEquals(List.of("cifar-10-binary.tar.gz"), listing(target));

        byte[] other = archive(2);
        Path target2 = tmp.resolve("target2");
        DatasetException e = assertThrows(DatasetException.class,
                () -> CifarLoader.load(source(other, List.of(served.toUri())), download.withDirectory(target2)));
        assertTrue(e.getMessage().contains("could not be downloaded"), e.getMessage());
        assertEquals(List.of(), listing(target2), "no file left behind");
    }

    @Test
    void missingDataSaysWhereToGetIt() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Cifar10.load(options(null)));
        String m = e.getMessage();
        assertTrue(m.startsWith("CIFAR-10: not found"), m);
        assertTrue(m.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), m);
        assertTrue(m.contains("to " + tmp.resolve("root/cifar-10/cifar-10-binary.tar.gz")), m);
        assertTrue(m.contains("MD5 c32a1d4ab5d03f1284b67883e8d87530"), m);
    }

    private void assertArchiveProblem(byte[] archive, CifarSource source, String expected) {
        Path dir = tmp.resolve("p" + Arrays.hashCode(archive));
        Path file = TestFiles.write(dir.resolve("cifar-10-binary.tar.gz"), archive);
        DatasetException e = assertThrows(DatasetException.class, () -> CifarLoader.load(source, options(dir)));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<String> listing(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
