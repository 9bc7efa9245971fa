package org.qat4j.datasets.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.qat4j.datasets.DatasetException;

/**
 * Downloads a file so that its final name only ever holds verified bytes.
 *
 * <p>Each candidate URL (mirrors, in order) is downloaded into a temporary file in the target's
 * directory (a hidden name ending in {@code .part}), checked by the verifier, then renamed to
 * the target with an atomic move. Whatever fails — the download, the check, the rename — the
 * temporary file is deleted and the next URL is tried; the target is never created or
 * replaced by unverified bytes.
 */
public final class VerifiedFetch {

    /** Checks a downloaded file before it is moved into place. */
    @FunctionalInterface
    public interface Verifier {

        /**
         * Accepts the file or throws.
         *
         * @param downloaded the temporary file
         * @param source     the URL it came from, for messages
         * @throws DatasetException if its size, checksum or content is wrong
         */
        void verify(Path downloaded, String source) throws DatasetException;
    }

    private VerifiedFetch() {
    }

    /**
     * Fetches from the first URL that yields a verified file.
     *
     * @param urls       candidate URLs, tried in order
     * @param target     the final path
     * @param downloader what moves the bytes
     * @param verifier   the check the bytes must pass
     * @return {@code target}, now holding verified bytes
     * @throws DatasetException naming every URL and why it failed, if none succeeded
     */
    public static Path fetch(List<URI> urls, Path target, Downloader downloader, Verifier verifier)
            throws DatasetException {
        Path directory = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DatasetException(directory, "cannot create the download directory: " + e
                    + "; choose a writable one with DataOptions.withDirectory or QAT4J_DATA", e);
        }
        List<String> failures = new ArrayList<>();
        for (URI url : urls) {
            Path temporary = null;
            try {
                temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".part");
                downloader.download(url, temporary);
                verifier.verify(temporary, url.toString());
                moveIntoPlace(temporary, target);
                return target;
            } catch (IOException e) {
                failures.add(url + ": " + e.getMessage());
            } finally {
                deleteQuietly(temporary);
            }
        }
        throw new DatasetException(target, "could not be downloaded; tried " + String.join("; ", failures));
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on unusual file systems; still a rename.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // The temporary name is hidden and never read; a leftover is harmless.
        }
    }
}
