package org.qat4j.datasets.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Fetches the bytes at a URI into a file. The loaders never call the network themselves: they
 * go through the {@code Downloader} in their options, which tests replace (or point at
 * {@code file:} URLs or a loopback server) so that no test touches the network.
 *
 * <p>Contract: on success {@code target} holds exactly the resource's bytes; on any failure
 * (unreachable host, HTTP status other than 200, a body shorter than its Content-Length) it
 * throws. Callers pass a temporary file and verify it before renaming it into place
 * ({@link VerifiedFetch}); a downloader does not verify checksums.
 */
@FunctionalInterface
public interface Downloader {

    /**
     * Copies the resource into the target file, replacing its content.
     *
     * @param source the URI to read ({@code http}, {@code https} or {@code file})
     * @param target the file to write; it exists and its directory is writable
     * @throws IOException on any failure
     */
    void download(URI source, Path target) throws IOException;
}
