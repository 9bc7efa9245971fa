package org.qat4j.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.qat4j.datasets.io.Checksums;
import org.qat4j.datasets.io.CifarRecords;
import org.qat4j.datasets.io.TarReader;
import org.qat4j.datasets.io.VerifiedFetch;

/**
 * Finds, downloads if allowed, verifies and reads a CIFAR-10-style data set ({@link CifarSource}).
 *
 * <p>In each candidate directory ({@link DataOptions#candidates}; no system package provides
 * CIFAR-10) it accepts, in this order: the extracted batch files in
 * {@code <memberDirectory>/} or directly in the directory; or the archive. The archive is read
 * in one streaming pass (gzip, then the tar entries, with no external tool and nothing
 * written to disk) while its MD5 is computed; its size and MD5 are checked before the data is
 * returned. Extracted batch files have no published checksum: their exact lengths and labels
 * are checked. Every batch must hold exactly {@code recordsPerFile} records, and its length
 * is checked before its buffer is allocated.
 */
public final class CifarLoader {

    private CifarLoader() {
    }

    /**
     * Loads the training set (the training batches, concatenated in order) and the test set.
     *
     * @param source  what to load
     * @param options where to look and whether to download
     * @return both sets, raw values 0..255, shape 3x32x32 (CHW: all red, then green, then blue)
     * @throws DatasetException if the data is missing (with how to get it) or any file is bad
     */
    public static TrainTest load(CifarSource source, DataOptions options) throws DatasetException {
        List<String> findings = new ArrayList<>();
        for (Path dir : options.candidates(source.directoryName(), null)) {
            Path extracted = extractedDirectory(source, dir);
            if (extracted != null) {
                return readExtracted(source, extracted);
            }
            Path archive = dir.resolve(source.archiveFileName());
            if (Files.isRegularFile(archive)) {
                return readArchive(source, archive);
            }
            findings.add(dir + (Files.isDirectory(dir) ? ": neither " + source.archiveFileName() + " nor "
                    + source.memberDirectory() + "/" + String.join(", ", source.allFiles()) : ": no such directory"));
        }
        Path target = options.downloadDirectory(source.directoryName()).resolve(source.archiveFileName());
        if (!options.download() || source.archiveUrls().isEmpty()) {
            List<String> ways = new ArrayList<>();
            if (!source.archiveUrls().isEmpty()) {
                ways.add("download " + source.archiveUrls().get(0) + " (" + source.archiveSize() + " bytes, MD5 "
                        + source.archiveMd5() + ") to " + target);
                ways.add("or allow downloads: DataOptions.defaults().withDownload(true) (the archive goes to "
                        + target + ")");
            }
            ways.add("or pass a directory holding the archive or its extracted " + source.memberDirectory()
                    + "/ with DataOptions.withDirectory(dir)");
            throw MissingData.exception(source.name(), findings, options, ways);
        }
        VerifiedFetch.fetch(source.archiveUrls(), target, options.downloader(),
                (downloaded, url) -> verifyArchive(source, downloaded, url));
        return readArchive(source, target);
    }

    /** The directory holding every batch file, or null. */
    private static Path extractedDirectory(CifarSource source, Path dir) {
        for (Path candidate : List.of(dir.resolve(source.memberDirectory()), dir)) {
            if (source.allFiles().stream().allMatch(f -> Files.isRegularFile(candidate.resolve(f)))) {
                return candidate;
            }
        }
        return null;
    }

    private static void verifyArchive(CifarSource source, Path archive, String from) throws DatasetException {
        MessageDigest md5 = Checksums.md5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(archive), md5)) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            requireArchiveSize(source, from, size);
        } catch (IOException e) {
            throw e instanceof DatasetException d ? d : new DatasetException(from, "cannot be read: " + e, e);
        }
        Checksums.requireMatch(from, "MD5 of the archive", source.archiveMd5(), Checksums.hex(md5));
    }

    private static void requireArchiveSize(CifarSource source, String from, long size) throws DatasetException {
        if (size != source.archiveSize()) {
            throw new DatasetException(from, "is " + size + " bytes but " + source.archiveFileName() + " is "
                    + source.archiveSize() + ": it is truncated or a different file; delete it and fetch it again");
        }
    }

    private static TrainTest readExtracted(CifarSource source, Path dir) throws DatasetException {
        Batches batches = new Batches(source);
        for (String name : source.allFiles()) {
            Path file = dir.resolve(name);
            try {
                CifarRecords.requireLength(file.toString(), Files.size(file), source.recordsPerFile());
                batches.put(name, file.toString(), Files.readAllBytes(file));
            } catch (DatasetException e) {
                throw e;
            } catch (IOException e) {
                throw new DatasetException(file, "cannot be read: " + e, e);
            }
        }
        return batches.finish(dir.toString());
    }

    private static TrainTest readArchive(CifarSource source, Path archive) throws DatasetException {
        try {
            requireArchiveSize(source, archive.toString(), Files.size(archive));
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(archive, "cannot be read: " + e, e);
        }
        Batches batches = new Batches(source);
        MessageDigest md5 = Checksums.md5();
        try (InputStream raw = new DigestInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16), md5)) {
            InputStream gzip = new GZIPInputStream(raw, 1 << 16);
            TarReader tar = new TarReader(gzip, archive.toString());
            for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                String name = batchName(source, entry);
                if (name == null) {
                    continue;
                }
                String where = archive + "!" + entry.name();
                CifarRecords.requireLength(where, entry.size(), source.recordsPerFile());
                byte[] bytes = new byte[(int) entry.size()];
                tar.readContent(bytes);
                batches.put(name, where, bytes);
            }
            gzip.transferTo(OutputStream.nullOutputStream());
            raw.transferTo(OutputStream.nullOutputStream()); // digest every byte of the file
        } catch (DatasetException e) {
            throw e;
        } catch (EOFException e) {
            throw new DatasetException(archive, "ends early (" + e.getMessage() + "): it is truncated;"
                    + " delete it and fetch it again", e);
        } catch (ZipException e) {
            throw new DatasetException(archive, "is not valid gzip (" + e.getMessage() + "): it is corrupt;"
                    + " delete it and fetch it again", e);
        } catch (IOException e) {
            throw new DatasetException(archive, "cannot be read: " + e.getMessage(), e);
        }
        Checksums.requireMatch(archive.toString(), "MD5 of the archive", source.archiveMd5(), Checksums.hex(md5));
        return batches.finish(archive.toString());
    }

    /** The batch file an archive entry holds, or null if it is not one. */
    private static String batchName(CifarSource source, TarReader.Entry entry) {
        if (!entry.isFile()) {
            return null;
        }
        for (String name : source.allFiles()) {
            if (entry.name().equals(source.memberDirectory() + "/" + name) || entry.name().equals(name)) {
                return name;
            }
        }
        return null;
    }

    /** The arrays being filled, one slot per batch file. */
    private static final class Batches {
        private final CifarSource source;
        private final int records;
        private final byte[] trainPixels;
        private final int[] trainLabels;
        private final byte[] testPixels;
        private final int[] testLabels;
        private final boolean[] seen;

        Batches(CifarSource source) {
            this.source = source;
            this.records = source.recordsPerFile();
            int trainCount = records * source.trainFiles().size();
            this.trainPixels = new byte[trainCount * CifarRecords.PIXELS];
            this.trainLabels = new int[trainCount];
            this.testPixels = new byte[records * CifarRecords.PIXELS];
            this.testLabels = new int[records];
            this.seen = new boolean[source.allFiles().size()];
        }

        void put(String name, String where, byte[] bytes) throws DatasetException {
            int slot = source.allFiles().indexOf(name);
            if (seen[slot]) {
                throw new DatasetException(where, "appears twice in the archive; it is corrupt");
            }
            seen[slot] = true;
            int classes = source.classNames().size();
            if (name.equals(source.testFile())) {
                CifarRecords.parse(where, bytes, classes, testPixels, testLabels, 0);
            } else {
                CifarRecords.parse(where, bytes, classes, trainPixels, trainLabels, slot * records);
            }
        }

        TrainTest finish(String from) throws DatasetException {
            List<String> missing = new ArrayList<>();
            for (int k = 0; k < seen.length; k++) {
                if (!seen[k]) {
                    missing.add(source.allFiles().get(k));
                }
            }
            if (!missing.isEmpty()) {
                throw new DatasetException(from, "lacks " + String.join(", ", missing) + " (expected in "
                        + source.memberDirectory() + "/): it is incomplete; delete it and fetch it again");
            }
            ImageShape shape = new ImageShape(3, 32, 32);
            return new TrainTest(
                    LabeledImages.wrap(source.name() + " train", shape, trainPixels, trainLabels, source.classNames(), 255),
                    LabeledImages.wrap(source.name() + " test", shape, testPixels, testLabels, source.classNames(), 255));
        }
    }
}
