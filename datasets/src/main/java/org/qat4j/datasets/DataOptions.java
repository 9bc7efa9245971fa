package org.qat4j.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.qat4j.datasets.io.Downloader;
import org.qat4j.datasets.io.HttpDownloader;

/**
 * Where to look for downloadable data sets, and whether and how to download them.
 *
 * <p>Lookup order for a data set named {@code <name>} ({@link #candidates}):
 * <ol>
 *   <li>{@link #directory()}, if the caller named one;</li>
 *   <li>{@code <dataRoot>/<name>}, where the data root is the system property
 *       {@code qat4j.data}, else the environment variable {@code QAT4J_DATA}, else
 *       {@code ~/.qat4j/datasets} ({@link #dataRootFrom});</li>
 *   <li>{@code <systemRoot>/<system name>}, for data sets a system package provides
 *       ({@code /usr/share/datasets/fashion-mnist} from Debian's {@code dataset-fashion-mnist});</li>
 *   <li>a download into {@link #downloadDirectory}: the named directory if there is one, else
 *       {@code <dataRoot>/<name>} — only if {@link #download()} is true.</li>
 * </ol>
 * The first location that holds every file wins; files that are present but bad are an error,
 * never a reason to look further.
 *
 * @param directory  a directory the caller names, searched first and downloaded into; or null
 * @param download   whether a missing data set may be downloaded
 * @param dataRoot   the per-user root holding one directory per data set
 * @param systemRoot the root of system-installed data sets, or null to skip it
 * @param downloader what performs downloads
 */
public record DataOptions(Path directory, boolean download, Path dataRoot, Path systemRoot,
                          Downloader downloader) {

    /** The system property naming the data root; it wins over {@link #DATA_ROOT_ENV}. */
    public static final String DATA_ROOT_PROPERTY = "qat4j.data";
    /** The environment variable naming the data root. */
    public static final String DATA_ROOT_ENV = "QAT4J_DATA";
    /** The system property that, when {@code true}, turns downloads off by default (tests, air-gapped machines). */
    public static final String OFFLINE_PROPERTY = "qat4j.offline";
    /** Where Debian's data set packages install. */
    public static final Path DEBIAN_ROOT = Path.of("/usr/share/datasets");

    /**
     * Checks the required parts.
     *
     * @param directory a directory the caller names, searched first and downloaded into; or null
     * @param download whether a missing data set may be downloaded
     * @param dataRoot the per-user root holding one directory per data set
     * @param systemRoot the root of system-installed data sets, or null to skip it
     * @param downloader what performs downloads
     */
    public DataOptions {
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(downloader, "downloader");
    }

    /**
     * The defaults: no named directory; downloads on (off if the system property
     * {@code qat4j.offline} is {@code true}); the data root from {@code qat4j.data},
     * {@code QAT4J_DATA} or {@code ~/.qat4j/datasets}; the Debian root; the HTTP downloader
     * with a progress bar.
     *
     * @return the default options
     */
    public static DataOptions defaults() {
        return new DataOptions(null, !Boolean.getBoolean(OFFLINE_PROPERTY),
                dataRootFrom(System.getProperty(DATA_ROOT_PROPERTY), System.getenv(DATA_ROOT_ENV),
                        System.getProperty("user.home")),
                DEBIAN_ROOT, HttpDownloader.withProgressBar());
    }

    /**
     * The defaults with downloads off.
     *
     * @return {@code defaults().withDownload(false)}
     */
    public static DataOptions offline() {
        return defaults().withDownload(false);
    }

    /**
     * The data root: the property value if set and non-blank, else the environment value if set
     * and non-blank, else {@code <userHome>/.qat4j/datasets}.
     *
     * @param propertyValue the value of {@code qat4j.data}, or null
     * @param envValue      the value of {@code QAT4J_DATA}, or null
     * @param userHome      the user's home directory
     * @return the root under which each data set has its own directory
     */
    public static Path dataRootFrom(String propertyValue, String envValue, String userHome) {
        if (propertyValue != null && !propertyValue.isBlank()) {
            return Path.of(propertyValue);
        }
        if (envValue != null && !envValue.isBlank()) {
            return Path.of(envValue);
        }
        return Path.of(userHome, ".qat4j", "datasets");
    }

    /**
     * @param newDirectory the directory to search first and download into, or null for none
     * @return a copy with that directory
     */
    public DataOptions withDirectory(Path newDirectory) {
        return new DataOptions(newDirectory, download, dataRoot, systemRoot, downloader);
    }

    /**
     * @param allowed whether a missing data set may be downloaded
     * @return a copy with that setting
     */
    public DataOptions withDownload(boolean allowed) {
        return new DataOptions(directory, allowed, dataRoot, systemRoot, downloader);
    }

    /**
     * @param newDataRoot the per-user data root
     * @return a copy with that root
     */
    public DataOptions withDataRoot(Path newDataRoot) {
        return new DataOptions(directory, download, newDataRoot, systemRoot, downloader);
    }

    /**
     * @param newSystemRoot the system data root, or null to skip system packages
     * @return a copy with that root
     */
    public DataOptions withSystemRoot(Path newSystemRoot) {
        return new DataOptions(directory, download, dataRoot, newSystemRoot, downloader);
    }

    /**
     * @param newDownloader what performs downloads (for example {@link HttpDownloader#quiet()})
     * @return a copy with that downloader
     */
    public DataOptions withDownloader(Downloader newDownloader) {
        return new DataOptions(directory, download, dataRoot, systemRoot, newDownloader);
    }

    /**
     * The directories to search, in order (see the class comment).
     *
     * @param name       the data set's directory name under the data root
     * @param systemName its directory name under the system root, or null if no package has it
     * @return the candidate directories, without duplicates
     */
    public List<Path> candidates(String name, String systemName) {
        List<Path> dirs = new ArrayList<>();
        if (directory != null) {
            dirs.add(directory);
        }
        addOnce(dirs, dataRoot.resolve(name));
        if (systemName != null && systemRoot != null) {
            addOnce(dirs, systemRoot.resolve(systemName));
        }
        return dirs;
    }

    /**
     * Where a download goes.
     *
     * @param name the data set's directory name under the data root
     * @return the named directory if there is one, else {@code <dataRoot>/<name>}
     */
    public Path downloadDirectory(String name) {
        return directory != null ? directory : dataRoot.resolve(name);
    }

    private static void addOnce(List<Path> dirs, Path dir) {
        if (!dirs.contains(dir)) {
            dirs.add(dir);
        }
    }
}
