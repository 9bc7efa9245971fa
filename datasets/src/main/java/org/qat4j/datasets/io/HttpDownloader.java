package org.qat4j.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The default {@link Downloader}: {@code http}/{@code https} through
 * {@link HttpURLConnection}, {@code file} URIs by copying; optionally with a progress bar on
 * standard error.
 *
 * <p>Failures: an HTTP status other than 200 (after following up to {@value #MAX_REDIRECTS}
 * redirects, never from https to http), a body shorter or longer than its Content-Length, no
 * connection within {@value #CONNECT_TIMEOUT_MS} ms, and no byte received for
 * {@value #READ_TIMEOUT_MS} ms (a stalled server fails instead of hanging); both timeouts are
 * the defaults, changed with {@link #withTimeouts}.
 */
public final class HttpDownloader implements Downloader {

    /** Milliseconds allowed to connect. */
    static final int CONNECT_TIMEOUT_MS = 30_000;
    /** Milliseconds a read may wait for the next bytes. */
    static final int READ_TIMEOUT_MS = 60_000;
    /** Redirects followed before giving up. */
    static final int MAX_REDIRECTS = 5;

    private final boolean progress;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    private HttpDownloader(boolean progress, int connectTimeoutMillis, int readTimeoutMillis) {
        if (connectTimeoutMillis < 1 || readTimeoutMillis < 1) {
            throw new IllegalArgumentException("timeouts " + connectTimeoutMillis + " ms and " + readTimeoutMillis
                    + " ms must be at least 1 ms (0 would mean wait forever)");
        }
        this.progress = progress;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** @return a downloader that draws a progress bar on standard error, with the default timeouts */
    public static HttpDownloader withProgressBar() {
        return new HttpDownloader(true, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
    }

    /** @return a downloader that prints nothing, with the default timeouts */
    public static HttpDownloader quiet() {
        return new HttpDownloader(false, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
    }

    /**
     * A copy with other timeouts.
     *
     * @param connectMillis milliseconds allowed to connect, at least 1
     * @param readMillis    milliseconds a read may wait for the next bytes, at least 1
     * @return the copy
     */
    public HttpDownloader withTimeouts(int connectMillis, int readMillis) {
        return new HttpDownloader(progress, connectMillis, readMillis);
    }

    @Override
    public void download(URI source, Path target) throws IOException {
        String scheme = scheme(source);
        switch (scheme) {
            case "file" -> {
                Path from = Path.of(source);
                try (InputStream in = Files.newInputStream(from)) {
                    copy(in, Files.size(from), source, target);
                }
            }
            case "http", "https" -> httpGet(source, target);
            default -> throw new IOException(source + ": unsupported scheme '" + scheme
                    + "'; use http, https or file");
        }
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private void httpGet(URI source, Path target) throws IOException {
        URI current = source;
        for (int redirects = 0; ; redirects++) {
            URLConnection opened = current.toURL().openConnection();
            if (!(opened instanceof HttpURLConnection connection)) {
                throw new IOException(current + ": not an HTTP connection");
            }
            connection.setInstanceFollowRedirects(false); // followed below, with the https->http rule
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            try {
                int status = connection.getResponseCode();
                String location = connection.getHeaderField("Location");
                if (status >= 300 && status < 400 && location != null) {
                    URI next = current.resolve(location);
                    if (redirects >= MAX_REDIRECTS) {
                        throw new IOException(source + ": more than " + MAX_REDIRECTS + " redirects");
                    }
                    if (scheme(current).equals("https") && !scheme(next).equals("https")) {
                        throw new IOException(current + ": refuses to follow a redirect from https to " + next);
                    }
                    current = next;
                    continue;
                }
                if (status != 200) {
                    throw new IOException(current + ": HTTP status " + status + " (expected 200)");
                }
                try (InputStream body = connection.getInputStream()) {
                    copy(body, connection.getContentLengthLong(), current, target);
                }
                return;
            } finally {
                connection.disconnect();
            }
        }
    }

    private void copy(InputStream in, long length, URI source, Path target) throws IOException {
        long copied;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            if (progress) {
                String name = Path.of(source.getPath()).getFileName().toString();
                ProgressBarBuilder bar = new ProgressBarBuilder()
                        .setTaskName(name)
                        .setInitialMax(length)
                        .setUnit("MiB", 1 << 20)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err));
                try (InputStream wrapped = ProgressBar.wrap(in, bar)) {
                    copied = wrapped.transferTo(out);
                }
            } else {
                copied = in.transferTo(out);
            }
        }
        if (length >= 0 && copied != length) {
            throw new IOException(source + ": received " + copied + " bytes but the server announced "
                    + length + ": the download was cut short");
        }
    }
}
