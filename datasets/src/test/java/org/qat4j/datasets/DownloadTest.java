package org.qat4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qat4j.datasets.io.Downloader;
import org.qat4j.datasets.io.HttpDownloader;

/** Downloads served from file: URLs and a loopback HTTP server; never the network. */
class DownloadTest {

    @TempDir
    Path tmp;

    private LoopbackServer server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Records every URI it is asked for, then delegates to the quiet HTTP/file downloader. */
    static final class CountingDownloader implements Downloader {
        final List<URI> requests = new ArrayList<>();

        @Override
        public void download(URI source, Path target) throws IOException {
            requests.add(source);
            HttpDownloader.quiet().download(source, target);
        }
    }

    private DataOptions options(Path target, Downloader downloader) {
        return new DataOptions(target, true, tmp.resolve("root"), null, downloader);
    }

    @Test
    void downloadsFromFileUrlsVerifiesAndKeepsTheFiles() throws Exception {
        TinyIdx tiny = new TinyIdx();
        Path served = tiny.writeTo(tmp.resolve("served"), true);
        IdxSource source = tiny.source(List.of(served.toUri()));
        CountingDownloader downloader = new CountingDownloader();
        Path target = tmp.resolve("target");
        TrainTest data = IdxLoader.load(source, options(target, downloader));
        assertArrayEquals(tiny.trainPixels, data.train().pixelBytes());
        assertEquals(4, downloader.requests.size());
        for (RemoteFile f : source.files()) {
            assertArrayEquals(Files.readAllBytes(served.resolve(f.gzipName())),
                    Files.readAllBytes(target.resolve(f.gzipName())));
        }
        assertEquals(4, listing(target).size(), "no temporary files left: " + listing(target));

        // Now present: the next load reads them and downloads nothing.
        IdxLoader.load(source, options(target, IdxLoaderTest.NO_NETWORK));
    }

    @Test
    void aChecksumMismatchLeavesNoFileBehind() throws Exception {
        TinyIdx tiny = new TinyIdx();
        TinyIdx tampered = new TinyIdx();
        tampered.trainLabels = tampered.trainLabels.clone();
        tampered.trainLabels[9] ^= 1;
        IdxSource source = tiny.source(List.of(tampered.writeTo(tmp.resolve("served"), true).toUri()));
        Path target = tmp.resolve("target");
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxLoader.load(source, options(target, new CountingDownloader())));
        assertTrue(e.getMessage().startsWith(target.resolve("train-labels-idx1-ubyte.gz").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("could not be downloaded"), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 of the decompressed bytes"), e.getMessage());
        assertEquals(List.of("train-images-idx3-ubyte.gz"), listing(target),
                "only the verified file before the bad one, and no temporary file");
    }

    @Test
    void triesMirrorsInOrderAndFetchesOnlyMissingFiles() throws Exception {
        TinyIdx tiny = new TinyIdx();
        Path served = tiny.writeTo(tmp.resolve("served"), true);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IdxSource source = tiny.source(List.of(empty.toUri(), served.toUri()));
        Path target = tmp.resolve("target");
        Files.createDirectories(target);
        Files.copy(served.resolve("train-images-idx3-ubyte.gz"), target.resolve("train-images-idx3-ubyte.gz"));
        Files.copy(served.resolve("t10k-images-idx3-ubyte.gz"), target.resolve("t10k-images-idx3-ubyte.gz"));
        CountingDownloader downloader = new CountingDownloader();
        IdxLoader.load(source, options(target, downloader));
        assertEquals(List.of(
                empty.toUri().resolve("train-labels-idx1-ubyte.gz"), served.toUri().resolve("train-labels-idx1-ubyte.gz"),
                empty.toUri().resolve("t10k-labels-idx1-ubyte.gz"), served.toUri().resolve("t10k-labels-idx1-ubyte.gz")),
                downloader.requests);
        assertEquals(4, listing(target).size(), listing(target).toString());
    }

    @Test
    void downloadsFromALoopbackHttpServer() throws Exception {
        TinyIdx tiny = new TinyIdx();
        Path served = tiny.writeTo(tmp.resolve("served"), true);
        server = new LoopbackServer(served);
        String base = server.base();

        IdxSource source = tiny.source(List.of(URI.create(base + "/missing/"), URI.create(base + "/redirect/")));
        Path target = tmp.resolve("target");
        CountingDownloader downloader = new CountingDownloader();
        TrainTest data = IdxLoader.load(source, options(target, downloader));
        assertArrayEquals(tiny.testPixels, data.test().pixelBytes());
        assertEquals(8, downloader.requests.size(), "each file: 404 from the first mirror, then a redirect");
        assertEquals(4, listing(target).size(), listing(target).toString());

        IOException notFound = assertThrows(IOException.class, () -> HttpDownloader.quiet()
                .download(URI.create(base + "/data/nothing.gz"), Files.createFile(tmp.resolve("n"))));
        assertTrue(notFound.getMessage().contains("HTTP status 404"), notFound.getMessage());
    }

    @Test
    void aCutShortOrStalledDownloadLeavesNothing() throws Exception {
        TinyIdx tiny = new TinyIdx();
        server = new LoopbackServer(tiny.writeTo(tmp.resolve("served"), true));
        for (String mode : new String[] {"short", "stall"}) {
            IdxSource source = tiny.source(List.of(URI.create(server.base() + "/" + mode + "/")));
            Path target = tmp.resolve("target-" + mode);
            Downloader impatient = (uri, file) -> HttpDownloader.quiet().withTimeouts(5_000, 300).download(uri, file);
            DatasetException e = assertThrows(DatasetException.class,
                    () -> IdxLoader.load(source, options(target, impatient)));
            assertTrue(e.getMessage().contains("could not be downloaded"), mode + ": " + e.getMessage());
            assertEquals(List.of(), listing(target), mode + ": nothing left behind");
        }
    }

    @Test
    void rejectsUnsupportedSchemes() {
        IOException e = assertThrows(IOException.class,
                () -> HttpDownloader.quiet().download(URI.create("ftp://example.invalid/x"), tmp.resolve("x")));
        assertTrue(e.getMessage().contains("unsupported scheme 'ftp'"), e.getMessage());
    }

    @Test
    void neverDownloadsWhenDownloadsAreOff() {
        TinyIdx tiny = new TinyIdx();
        tiny.writeTo(tmp.resolve("served"), true);
        IdxSource source = tiny.source(List.of(tmp.resolve("served").toUri()));
        DataOptions off = options(tmp.resolve("target"), IdxLoaderTest.NO_NETWORK).withDownload(false);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxLoader.load(source, off));
        assertTrue(e.getMessage().contains("download " + tmp.resolve("served").toUri().resolve("train-images-idx3-ubyte.gz")),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("target")));
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
