package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.datasets.io.Downloader;

/** Loading MNIST-style data: contents, lookup order, and every way two files can disagree. */
class IdxLoaderTest {

    @TempDir
    Path tmp;

    /** Fails the test if a download is attempted. */
    static final Downloader NO_NETWORK = (uri, target) -> fail("no download expected, asked for " + uri);

    private DataOptions options() {
        return new DataOptions(null, false, tmp.resolve("root"), tmp.resolve("system"), NO_NETWORK);
    }

    @Test
    void loadsRawAndGzippedFiles() throws Exception {
        TinyIdx tiny = new TinyIdx();
        for (boolean gz : new boolean[] {true, false}) {
            Path dir = tiny.writeTo(tmp.resolve("dir" + gz), gz);
            TrainTest data = IdxLoader.load(tiny.source(), options().withDirectory(dir));
            assertEquals(new ImageShape(1, 4, 5), data.train().shape());
            assertEquals(TinyIdx.TRAIN, data.train().size());
            assertEquals(TinyIdx.TEST, data.test().size());
            assertArrayEquals(tiny.trainPixels, data.train().pixelBytes());
            assertArrayEquals(tiny.testPixels, data.test().pixelBytes());
            for (int i = 0; i < TinyIdx.TRAIN; i++) {
                assertEquals(tiny.trainLabelValues[i], data.train().label(i));
            }
            assertEquals(TinyIdx.CLASSES, data.test().classNames());
            assertEquals(255, data.train().maxPixelValue());
        }
    }

    @Test
    void lookupOrderIsNamedDirectoryThenDataRootThenSystem() throws Exception {
        TinyIdx tiny = new TinyIdx();
        IdxSource source = tiny.source();
        TinyIdx bad = new TinyIdx();
        bad.trainImages = bad.trainImages.clone();
        bad.trainImages[40] ^= 1; // same size, other content: fails the SHA-256

        Path named = tiny.writeTo(tmp.resolve("named"), true);
        bad.writeTo(tmp.resolve("root/tiny"), true);
        bad.writeTo(tmp.resolve("system/tiny-system"), false);
        assertEquals(TinyIdx.TRAIN, IdxLoader.load(source, options().withDirectory(named)).train().size(),
                "the named directory comes first");

        DatasetException badRoot = assertThrows(DatasetException.class,
                () -> IdxLoader.load(source, options().withDirectory(tmp.resolve("absent"))));
        assertTrue(badRoot.getMessage().startsWith(tmp.resolve("root/tiny").toString()),
                "then the data root, whose bad file is an error, not a reason to go on: " + badRoot.getMessage());

        tiny.writeTo(tmp.resolve("root/tiny"), true);
        assertEquals(TinyIdx.TEST, IdxLoader.load(source, options()).test().size());

        deleteTree(tmp.resolve("root"));
        DatasetException badSystem = assertThrows(DatasetException.class, () -> IdxLoader.load(source, options()));
        assertTrue(badSystem.getMessage().startsWith(tmp.resolve("system/tiny-system").toString()),
                "then the system root: " + badSystem.getMessage());
        tiny.writeTo(tmp.resolve("system/tiny-system"), false);
        assertEquals(TinyIdx.TEST, IdxLoader.load(source, options()).test().size());
        assertThrows(DatasetException.class, () -> IdxLoader.load(source, options().withSystemRoot(null)),
                "a null system root skips system packages");

        // A directory with only some of the files does not count.
        Path partial = tmp.resolve("partial");
        tiny.writeTo(partial, true);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        bad.writeTo(tmp.resolve("system/tiny-system"), false);
        DatasetException skipped = assertThrows(DatasetException.class,
                () -> IdxLoader.load(source, options().withDirectory(partial)));
        assertTrue(skipped.getMessage().startsWith(tmp.resolve("system").toString()), skipped.getMessage());
    }

    @Test
    void dataRootComesFromPropertyThenEnvironmentThenHome() {
        assertEquals(Path.of("/p"), DataOptions.dataRootFrom("/p", "/e", "/home/u"));
        assertEquals(Path.of("/e"), DataOptions.dataRootFrom(null, "/e", "/home/u"));
        assertEquals(Path.of("/e"), DataOptions.dataRootFrom(" ", "/e", "/home/u"));
        assertEquals(Path.of("/home/u/.qat4j/datasets"), DataOptions.dataRootFrom(null, "", "/home/u"));
        DataOptions o = new DataOptions(Path.of("/d"), true, Path.of("/r"), Path.of("/s"), NO_NETWORK);
        assertEquals(List.of(Path.of("/d"), Path.of("/r/x"), Path.of("/s/y")), o.candidates("x", "y"));
        assertEquals(List.of(Path.of("/d"), Path.of("/r/x")), o.candidates("x", null));
        assertEquals(Path.of("/d"), o.downloadDirectory("x"));
        assertEquals(Path.of("/r/x"), o.withDirectory(null).downloadDirectory("x"));
    }

    @Test
    void testsRunOffline() {
        assertFalse(DataOptions.defaults().download(), "the build sets -Dqat4j.offline=true for tests");
    }

    @Test
    void missingDataSaysHowToGetIt() {
        DataOptions o = options().withDirectory(tmp.resolve("mine"));
        DatasetException fashion = assertThrows(DatasetException.class, () -> FashionMnist.load(o));
        String m = fashion.getMessage();
        assertTrue(m.startsWith("Fashion-MNIST: not found"), m);
        assertTrue(m.contains("sudo apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains(tmp.resolve("mine") + ": no such directory"), m);
        assertTrue(m.contains(tmp.resolve("system/fashion-mnist").toString()), m);
        assertTrue(m.contains("Downloads are off"), m);

        DatasetException mnist = assertThrows(DatasetException.class, () -> Mnist.load(o.withDirectory(null)));
        m = mnist.getMessage();
        assertTrue(m.contains("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("into " + tmp.resolve("root/mnist")), m);
        assertFalse(m.contains("apt-get"), "no package provides MNIST: " + m);
    }

    @Test
    void rejectsImageAndLabelCountMismatch() throws Exception {
        TinyIdx tiny = new TinyIdx();
        tiny.trainLabels = TestFiles.idx(new int[] {TinyIdx.TRAIN - 1},
                Arrays.copyOf(tiny.trainLabelValues, TinyIdx.TRAIN - 1));
        Path dir = tiny.writeTo(tmp.resolve("d"), true);
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxLoader.load(tiny.source(), options().withDirectory(dir)));
        assertTrue(e.getMessage().contains("holds 12 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("11 labels"), e.getMessage());
    }

    @Test
    void rejectsLabelsOutOfRange() throws Exception {
        TinyIdx tiny = new TinyIdx();
        byte[] labels = tiny.testLabelValues.clone();
        labels[4] = 3;
        tiny.testLabels = TestFiles.idx(new int[] {TinyIdx.TEST}, labels);
        Path dir = tiny.writeTo(tmp.resolve("d"), false);
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxLoader.load(tiny.source(), options().withDirectory(dir)));
        assertTrue(e.getMessage().startsWith(dir.resolve("t10k-labels-idx1-ubyte").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("label 3 at index 4 is outside 0..2"), e.getMessage());
    }

    @Test
    void rejectsWrongChecksumAndWrongSize() throws Exception {
        TinyIdx tiny = new TinyIdx();
        IdxSource source = tiny.source();
        TinyIdx altered = new TinyIdx();
        altered.testImages = altered.testImages.clone();
        altered.testImages[30] ^= (byte) 0x80;
        Path dir = altered.writeTo(tmp.resolve("d"), true);
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxLoader.load(source, options().withDirectory(dir)));
        assertTrue(e.getMessage().contains("SHA-256 of the decompressed bytes is"), e.getMessage());
        assertTrue(e.getMessage().contains(source.testImages().sha256()), e.getMessage());

        TinyIdx longer = new TinyIdx();
        longer.trainImages = TestFiles.idx(new int[] {TinyIdx.TRAIN + 1, 4, 5}, new byte[(TinyIdx.TRAIN + 1) * 20]);
        Path dir2 = longer.writeTo(tmp.resolve("d2"), true);
        DatasetException size = assertThrows(DatasetException.class,
                () -> IdxLoader.load(source, options().withDirectory(dir2)));
        assertTrue(size.getMessage().contains("decompresses to " + longer.trainImages.length + " bytes"),
                size.getMessage());
    }

    static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
