package org.qat4j.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The default {@link Downloader}: {@code http}/{@code https} through the JDK's
 * {@link HttpClient} (following redirects, except from https to http), {@code file} URIs by
 * copying; optionally with a progress bar on standard error.
 *
 * <p>An HTTP status other than 200 and a body shorter or longer than its Content-Length are
 * failures.
 */
public final class HttpDownloader implements Downloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Time allowed until the response headers arrive; the body may take as long as it needs. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

    private final boolean progress;

    private HttpDownloader(boolean progress) {
        this.progress = progress;
    }

    /** @return a downloader that draws a progress bar on standard error */
    public static HttpDownloader withProgressBar() {
        return new HttpDownloader(true);
    }

    /** @return a downloader that prints nothing */
    public static HttpDownloader quiet() {
        return new HttpDownloader(false);
    }

    @Override
    public void download(URI source, Path target) throws IOException {
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(java.util.Locale.ROOT);
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

    private void httpGet(URI source, Path target) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(source).timeout(RESPONSE_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(source + ": download interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(source + ": HTTP status " + response.statusCode() + " (expected 200)");
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            copy(body, length, source, target);
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
