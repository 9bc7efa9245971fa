package org.qat4j.datasets;

import java.net.URI;
import java.util.List;

/**
 * CIFAR-10 (A. Krizhevsky, 2009), binary version: 60,000 colour 32x32 images in ten classes,
 * 50,000 for training (five batches) and 10,000 for testing, raw values 0..255, channels
 * first (3x32x32).
 *
 * <p>No system package provides it: it is found in a named directory or the data root (the
 * archive, or its extracted {@code cifar-10-batches-bin/}), else the archive is downloaded
 * from the authors' page (see {@link DataOptions}, {@link CifarLoader}). The archive's size
 * and its published MD5 are verified.
 */
public final class Cifar10 {

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    /** The authors' archive, its size and MD5, and its six batch files of 10,000 records. */
    public static final CifarSource SOURCE = new CifarSource("CIFAR-10", "cifar-10",
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")),
            "cifar-10-binary.tar.gz", 170_052_171L, "c32a1d4ab5d03f1284b67883e8d87530",
            "cifar-10-batches-bin",
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                    "data_batch_5.bin"),
            "test_batch.bin", 10_000, CLASS_NAMES);

    private Cifar10() {
    }

    /**
     * Loads with the default options (downloads allowed unless {@code -Dqat4j.offline=true}).
     *
     * @return 50,000 training and 10,000 test images, 3x32x32
     * @throws DatasetException if the data is missing and cannot be downloaded, or is bad
     */
    public static TrainTest load() throws DatasetException {
        return load(DataOptions.defaults());
    }

    /**
     * Loads with the given options.
     *
     * @param options where to look and whether to download
     * @return 50,000 training and 10,000 test images, 3x32x32
     * @throws DatasetException if the data is missing (the message says how to get it) or is bad
     */
    public static TrainTest load(DataOptions options) throws DatasetException {
        return CifarLoader.load(SOURCE, options);
    }
}
