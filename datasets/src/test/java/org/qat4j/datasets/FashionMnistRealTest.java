package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.datasets.io.Checksums;

/**
 * The real Fashion-MNIST from Debian's {@code dataset-fashion-mnist}. Skipped, with the reason
 * and the install command, when the package is absent.
 */
class FashionMnistRealTest {

    private static final Path DEBIAN = DataOptions.DEBIAN_ROOT.resolve("fashion-mnist");

    /** Per test, not {@code @BeforeAll}, so that each test is reported as skipped with the reason. */
    @BeforeEach
    void requirePackage() {
        boolean present = FashionMnist.SOURCE.files().stream()
                .allMatch(f -> Files.isRegularFile(DEBIAN.resolve(f.gzipName())));
        assumeTrue(present, "Fashion-MNIST is not installed in " + DEBIAN
                + "; install it with: sudo apt-get install dataset-fashion-mnist");
    }

    @Test
    void debianFilesMatchThePublishedDigestsOfTheDecompressedBytes() throws Exception {
        for (RemoteFile f : FashionMnist.SOURCE.files()) {
            Checksums.ContentDigest digest = Checksums.digestContent(DEBIAN.resolve(f.gzipName()));
            assertEquals(f.size(), digest.length(), f.fileName());
            assertEquals(f.sha256(), digest.sha256(), f.fileName());
        }
    }

    @Test
    void loadsCountsLabelsAndPixels(@TempDir Path emptyRoot) throws Exception {
        // Found through the lookup order: no named directory, an empty data root, the Debian root.
        DataOptions options = new DataOptions(null, false, emptyRoot,
                DataOptions.DEBIAN_ROOT, IdxLoaderTest.NO_NETWORK);
        TrainTest data = FashionMnist.load(options);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(new ImageShape(1, 28, 28), data.train().shape());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, java.util.Arrays.copyOf(data.train().labels(), 10));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, java.util.Arrays.copyOf(data.test().labels(), 10));
        // Fashion-MNIST is balanced: 6,000 and 1,000 images per class.
        for (int count : data.train().classCounts()) {
            assertEquals(6_000, count);
        }
        for (int count : data.test().classCounts()) {
            assertEquals(1_000, count);
        }
        int max = 0;
        for (int k = 0; k < 784; k++) {
            max = Math.max(max, data.train().pixel(0, k));
        }
        assertEquals(255, max, "the first training image (an ankle boot) reaches full intensity");
    }
}
