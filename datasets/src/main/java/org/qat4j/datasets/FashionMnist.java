package org.qat4j.datasets;

import java.net.URI;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 70,000 grey 28x28 images of ten kinds of
 * clothing, 60,000 for training and 10,000 for testing, raw values 0..255.
 *
 * <p>Found in a named directory, the data root, or Debian's {@code dataset-fashion-mnist}
 * ({@code /usr/share/datasets/fashion-mnist}); else downloaded from the upstream mirror (see
 * {@link DataOptions}). Every file is checked against the SHA-256 of its decompressed bytes
 * (Debian's gzip files differ from upstream's only in the gzip header, so both pass).
 */
public final class FashionMnist {

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The upstream files, their decompressed sizes and SHA-256, and the Debian package. */
    public static final IdxSource SOURCE = new IdxSource("Fashion-MNIST", "fashion-mnist", "fashion-mnist",
            "on Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist (installs /usr/share/datasets/fashion-mnist)",
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            new RemoteFile("train-images-idx3-ubyte", 47_040_016L,
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new RemoteFile("train-labels-idx1-ubyte", 60_008L,
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new RemoteFile("t10k-images-idx3-ubyte", 7_840_016L,
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new RemoteFile("t10k-labels-idx1-ubyte", 10_008L,
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
            CLASS_NAMES);

    private FashionMnist() {
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
