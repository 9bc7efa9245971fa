package org.qat4j.datasets;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.qat4j.datasets.io.CifarRecords;

/**
 * Where a CIFAR-10-style data set (binary batches in a tar.gz) lives and what it must contain.
 * {@link Cifar10#SOURCE} is the real one; tests build small ones.
 *
 * @param name            human-readable name, for messages ("CIFAR-10")
 * @param directoryName   the directory under the data root ({@code ~/.qat4j/datasets/<this>})
 * @param archiveUrls     download URLs of the archive, tried in order
 * @param archiveFileName the archive's file name ({@code cifar-10-binary.tar.gz})
 * @param archiveSize     the archive's exact length in bytes
 * @param archiveMd5      the archive's published MD5, lower-case hex
 * @param memberDirectory the directory inside the archive that holds the batches
 *                        ({@code cifar-10-batches-bin})
 * @param trainFiles      the training batch file names, in order
 * @param testFile        the test batch file name
 * @param recordsPerFile  the exact number of records in every batch file
 * @param classNames      one name per class; labels must be below its size
 */
public record CifarSource(String name, String directoryName, List<URI> archiveUrls, String archiveFileName,
                          long archiveSize, String archiveMd5, String memberDirectory, List<String> trainFiles,
                          String testFile, int recordsPerFile, List<String> classNames) {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    /**
     * Checks the required parts and copies the lists.
     *
     * @param name human-readable name, for messages ("CIFAR-10")
     * @param directoryName the directory under the data root ({@code ~/.qat4j/datasets/<this>})
     * @param archiveUrls download URLs of the archive, tried in order
     * @param archiveFileName the archive's file name ({@code cifar-10-binary.tar.gz})
     * @param archiveSize the archive's exact length in bytes
     * @param archiveMd5 the archive's published MD5, lower-case hex
     * @param memberDirectory the directory inside the archive that holds the batches ({@code cifar-10-batches-bin})
     * @param trainFiles the training batch file names, in order
     * @param testFile the test batch file name
     * @param recordsPerFile the exact number of records in every batch file
     * @param classNames one name per class; labels must be below its size
     */
    public CifarSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directoryName, "directoryName");
        Objects.requireNonNull(archiveFileName, "archiveFileName");
        Objects.requireNonNull(memberDirectory, "memberDirectory");
        Objects.requireNonNull(testFile, "testFile");
        archiveUrls = List.copyOf(archiveUrls);
        trainFiles = List.copyOf(trainFiles);
        classNames = List.copyOf(classNames);
        if (!HEX32.matcher(archiveMd5).matches()) {
            throw new IllegalArgumentException(name + ": archiveMd5 '" + archiveMd5
                    + "' is not 32 lower-case hex digits");
        }
        if (archiveSize < 1 || recordsPerFile < 1 || trainFiles.isEmpty() || classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": archiveSize " + archiveSize + ", recordsPerFile "
                    + recordsPerFile + ", " + trainFiles.size() + " train files and " + classNames.size()
                    + " classes must all be at least 1");
        }
        if ((long) recordsPerFile * trainFiles.size() * CifarRecords.PIXELS
                > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": " + recordsPerFile + " records x "
                    + trainFiles.size() + " files do not fit in one Java array");
        }
    }

    /** @return every batch file name: the training files, then the test file */
    public List<String> allFiles() {
        return Stream.concat(trainFiles.stream(), Stream.of(testFile)).toList();
    }
}
