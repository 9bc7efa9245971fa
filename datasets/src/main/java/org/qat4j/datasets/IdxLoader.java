package org.qat4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.qat4j.datasets.io.Checksums;
import org.qat4j.datasets.io.CompressedFile;
import org.qat4j.datasets.io.IdxArray;
import org.qat4j.datasets.io.IdxReader;
import org.qat4j.datasets.io.VerifiedFetch;

/**
 * Finds, downloads if allowed, verifies and reads an MNIST-style data set ({@link IdxSource}).
 *
 * <p>Lookup follows {@link DataOptions}. In a directory each file may be raw
 * ({@code train-images-idx3-ubyte}) or gzipped ({@code train-images-idx3-ubyte.gz}); the raw
 * one is read if both exist. Every file is checked for its decompressed length and SHA-256
 * before anything is returned; images and labels must agree in count, and every label must be
 * a valid class. A download fetches only the files missing from the download directory.
 */
public final class IdxLoader {

    private IdxLoader() {
    }

    /**
     * Loads the training and test sets.
     *
     * @param source  what to load
     * @param options where to look and whether to download
     * @return both sets, raw values 0..255, shape 1xHxW
     * @throws DatasetException if the data is missing (with how to get it) or any file is bad
     */
    public static TrainTest load(IdxSource source, DataOptions options) throws DatasetException {
        List<String> findings = new ArrayList<>();
        for (Path dir : options.candidates(source.directoryName(), source.systemDirectoryName())) {
            List<String> missing = missingFiles(source, dir);
            if (missing.isEmpty()) {
                return read(source, dir);
            }
            findings.add(dir + (Files.isDirectory(dir) ? ": missing " + String.join(", ", missing)
                    : ": no such directory"));
        }
        Path target = options.downloadDirectory(source.directoryName());
        if (!options.download() || source.mirrors().isEmpty()) {
            throw MissingData.exception(source.name(), findings, options, waysToGet(source, target));
        }
        for (RemoteFile file : source.files()) {
            if (find(target, file) == null) {
                VerifiedFetch.fetch(source.urls(file), target.resolve(file.gzipName()), options.downloader(),
                        (downloaded, url) -> verifyDownload(file, downloaded, url));
            }
        }
        return read(source, target);
    }

    private static List<String> waysToGet(IdxSource source, Path target) {
        List<String> ways = new ArrayList<>();
        if (source.installHint() != null) {
            ways.add(source.installHint());
        }
        if (!source.mirrors().isEmpty()) {
            String urls = source.files().stream().map(f -> source.urls(f).get(0).toString())
                    .collect(Collectors.joining(" "));
            ways.add("download " + urls + " into " + target);
            ways.add("or allow downloads: DataOptions.defaults().withDownload(true) (files go to " + target + ")");
        }
        ways.add("or put the four files in a directory and pass it with DataOptions.withDirectory(dir),"
                + " or set " + DataOptions.DATA_ROOT_ENV + " / -D" + DataOptions.DATA_ROOT_PROPERTY
                + " to a root holding " + source.directoryName() + "/");
        return ways;
    }

    private static List<String> missingFiles(IdxSource source, Path dir) {
        List<String> missing = new ArrayList<>();
        for (RemoteFile file : source.files()) {
            if (find(dir, file) == null) {
                missing.add(file.fileName() + "[.gz]");
            }
        }
        return missing;
    }

    /** The raw file if present, else the gzipped one, else null. */
    private static Path find(Path dir, RemoteFile file) {
        Path raw = dir.resolve(file.fileName());
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(file.gzipName());
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static void verifyDownload(RemoteFile file, Path downloaded, String url) throws DatasetException {
        Checksums.ContentDigest digest = Checksums.digestContent(downloaded);
        if (digest.length() != file.size()) {
            throw new DatasetException(url, "decompresses to " + digest.length() + " bytes but "
                    + file.fileName() + " has " + file.size());
        }
        Checksums.requireMatch(url, "SHA-256 of the decompressed bytes", file.sha256(), digest.sha256());
    }

    private static TrainTest read(IdxSource source, Path dir) throws DatasetException {
        LabeledImages train = readPair(source, dir, source.trainImages(), source.trainLabels(), "train");
        LabeledImages test = readPair(source, dir, source.testImages(), source.testLabels(), "test");
        return new TrainTest(train, test);
    }

    private static LabeledImages readPair(IdxSource source, Path dir, RemoteFile imagesFile,
                                          RemoteFile labelsFile, String split) throws DatasetException {
        Path imagesPath = find(dir, imagesFile);
        Path labelsPath = find(dir, labelsFile);
        IdxArray images = readChecked(imagesPath, imagesFile, 3);
        IdxArray labels = readChecked(labelsPath, labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new DatasetException(imagesPath, "holds " + images.count() + " images but " + labelsPath
                    + " holds " + labels.count() + " labels; they must be the same count");
        }
        int numClasses = source.classNames().size();
        int[] labelValues = new int[labels.count()];
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = labels.data()[i] & 0xFF;
            if (labelValues[i] >= numClasses) {
                throw new DatasetException(labelsPath, "label " + labelValues[i] + " at index " + i
                        + " is outside 0.." + (numClasses - 1));
            }
        }
        ImageShape shape = new ImageShape(1, images.dimensions()[1], images.dimensions()[2]);
        return LabeledImages.wrap(source.name() + " " + split, shape, images.data(), labelValues,
                source.classNames(), 255);
    }

    private static IdxArray readChecked(Path path, RemoteFile file, int dimensions) throws DatasetException {
        long length = CompressedFile.decompressedLength(path);
        if (length != file.size()) {
            throw new DatasetException(path, "decompresses to " + length + " bytes but " + file.fileName()
                    + " has " + file.size() + ": it is truncated, corrupt or a different file; delete it and"
                    + " fetch it again");
        }
        return IdxReader.read(path, dimensions, file.sha256());
    }
}
