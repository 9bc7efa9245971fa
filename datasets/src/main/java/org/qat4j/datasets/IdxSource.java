package org.qat4j.datasets;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where an MNIST-style data set (four IDX files) lives and what its files must contain.
 * {@link FashionMnist#SOURCE} and {@link Mnist#SOURCE} are the real ones; tests and mirrors
 * can build their own.
 *
 * @param name                human-readable name, for messages ("Fashion-MNIST")
 * @param directoryName       the directory under the data root ({@code ~/.qat4j/datasets/<this>})
 * @param systemDirectoryName the directory under the system data root
 *                            ({@code /usr/share/datasets/<this>}), or null if no system package
 *                            provides it
 * @param installHint         how to install it system-wide ("sudo apt-get install ..."), or null
 * @param mirrors             base URLs, each ending in '/', tried in order; the file URL is
 *                            base + {@link RemoteFile#gzipName()}
 * @param trainImages         the training images (IDX, 3 dimensions)
 * @param trainLabels         the training labels (IDX, 1 dimension)
 * @param testImages          the test images
 * @param testLabels          the test labels
 * @param classNames          one name per class; labels must be below its size
 */
public record IdxSource(String name, String directoryName, String systemDirectoryName, String installHint,
                        List<URI> mirrors, RemoteFile trainImages, RemoteFile trainLabels,
                        RemoteFile testImages, RemoteFile testLabels, List<String> classNames) {

    /**
     * Checks the required parts and copies the lists.
     *
     * @param name human-readable name, for messages ("Fashion-MNIST")
     * @param directoryName the directory under the data root ({@code ~/.qat4j/datasets/<this>})
     * @param systemDirectoryName the directory under the system data root ({@code /usr/share/datasets/<this>}), or null if no system package provides it
     * @param installHint how to install it system-wide ("sudo apt-get install ..."), or null
     * @param mirrors base URLs, each ending in '/', tried in order; the file URL is base + {@link RemoteFile#gzipName()}
     * @param trainImages the training images (IDX, 3 dimensions)
     * @param trainLabels the training labels (IDX, 1 dimension)
     * @param testImages the test images
     * @param testLabels the test labels
     * @param classNames one name per class; labels must be below its size
     */
    public IdxSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directoryName, "directoryName");
        Objects.requireNonNull(trainImages, "trainImages");
        Objects.requireNonNull(trainLabels, "trainLabels");
        Objects.requireNonNull(testImages, "testImages");
        Objects.requireNonNull(testLabels, "testLabels");
        mirrors = List.copyOf(mirrors);
        classNames = List.copyOf(classNames);
        for (URI mirror : mirrors) {
            if (!mirror.toString().endsWith("/")) {
                throw new IllegalArgumentException(name + ": mirror " + mirror + " must end in '/'");
            }
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": give at least one class name");
        }
    }

    /** @return the four files: train images, train labels, test images, test labels */
    public List<RemoteFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * The download URLs of one file, one per mirror.
     *
     * @param file one of {@link #files()}
     * @return {@code mirror + file.gzipName()} for each mirror
     */
    public List<URI> urls(RemoteFile file) {
        return mirrors.stream().map(m -> m.resolve(file.gzipName())).toList();
    }
}
