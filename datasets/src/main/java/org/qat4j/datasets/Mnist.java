package org.qat4j.datasets;

import java.net.URI;
import java.util.List;

/**
 * MNIST (Y. LeCun, C. Cortes, C. J. C. Burges): 70,000 grey 28x28 handwritten digits, 60,000
 * for training and 10,000 for testing, raw values 0..255.
 *
 * <p>No system package provides it: it is found in a named directory or the data root, else
 * downloaded (see {@link DataOptions}). The mirrors are the ones PyTorch's torchvision and
 * TensorFlow use, then the original site (which now often refuses plain downloads). Every
 * file is checked against the SHA-256 of its decompressed bytes, so gzipped or raw copies from
 * any source pass if their content is the original.
 */
public final class Mnist {

    /** The class names, indexed by label: the digits. */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /**
     * The files, their decompressed sizes and SHA-256, and the mirrors. The digests of the
     * decompressed files are the ones widely published alongside the upstream gzip files
     * (whose own SHA-256 and MD5 differ, being digests of the compressed bytes).
     */
    public static final IdxSource SOURCE = new IdxSource("MNIST", "mnist", null, null,
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                    URI.create("http://yann.lecun.com/exdb/mnist/")),
            new RemoteFile("train-images-idx3-ubyte", 47_040_016L,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new RemoteFile("train-labels-idx1-ubyte", 60_008L,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new RemoteFile("t10k-images-idx3-ubyte", 7_840_016L,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new RemoteFile("t10k-labels-idx1-ubyte", 10_008L,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            CLASS_NAMES);

    private Mnist() {
    }

    /**
     * Loads with the default options (downloads allowed unless {@code -Dqat4j.offline=true}).
     *
     * @return 60,000 training and 10,000 test images, 1x28x28
     * @throws DatasetException if the data is missing and cannot be downloaded, or is bad
     */
    public static TrainTest load() throws DatasetException {
        return load(DataOptions.defaults());
    }

    /**
     * Loads with the given options.
     *
     * @param options where to look and whether to download
     * @return 60,000 training and 10,000 test images, 1x28x28
     * @throws DatasetException if the data is missing (the message says how to get it) or is bad
     */
    public static TrainTest load(DataOptions options) throws DatasetException {
        return IdxLoader.load(SOURCE, options);
    }
}
