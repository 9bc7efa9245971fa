package org.qat4j.datasets;

import static org.qat4j.datasets.TestFiles.gzip;
import static org.qat4j.datasets.TestFiles.idx;
import static org.qat4j.datasets.TestFiles.randomBytes;
import static org.qat4j.datasets.TestFiles.randomLabels;
import static org.qat4j.datasets.TestFiles.sha256;
import static org.qat4j.datasets.TestFiles.write;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** A tiny MNIST-style data set (12 + 6 images of 4x5, 3 classes) and its {@link IdxSource}. */
final class TinyIdx {

    static final int TRAIN = 12;
    static final int TEST = 6;
    static final List<String> CLASSES = List.of("a", "b", "c");

    final byte[] trainPixels = randomBytes(TRAIN * 20, 1);
    final byte[] testPixels = randomBytes(TEST * 20, 2);
    final byte[] trainLabelValues = randomLabels(TRAIN, 3, 3);
    final byte[] testLabelValues = randomLabels(TEST, 3, 4);

    byte[] trainImages = idx(new int[] {TRAIN, 4, 5}, trainPixels);
    byte[] trainLabels = idx(new int[] {TRAIN}, trainLabelValues);
    byte[] testImages = idx(new int[] {TEST, 4, 5}, testPixels);
    byte[] testLabels = idx(new int[] {TEST}, testLabelValues);

    /** The source describing the current file contents, with the given mirrors. */
    IdxSource source(List<URI> mirrors) {
        return new IdxSource("Tiny", "tiny", "tiny-system", "install the tiny package", mirrors,
                new RemoteFile("train-images-idx3-ubyte", trainImages.length, sha256(trainImages)),
                new RemoteFile("train-labels-idx1-ubyte", trainLabels.length, sha256(trainLabels)),
                new RemoteFile("t10k-images-idx3-ubyte", testImages.length, sha256(testImages)),
                new RemoteFile("t10k-labels-idx1-ubyte", testLabels.length, sha256(testLabels)),
                CLASSES);
    }

    /** The source with no mirrors. */
    IdxSource source() {
        return source(List.of());
    }

    /** Writes the four files (gzipped as {@code name.gz}, or raw) into a directory. */
    Path writeTo(Path dir, boolean gzipped) {
        byte[][] contents = {trainImages, trainLabels, testImages, testLabels};
        List<RemoteFile> files = source().files();
        for (int k = 0; k < 4; k++) {
            RemoteFile f = files.get(k);
            if (gzipped) {
                write(dir.resolve(f.gzipName()), gzip(contents[k]));
            } else {
                write(dir.resolve(f.fileName()), contents[k]);
            }
        }
        return dir;
    }
}
