package org.qat4j.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny HTTP/1.0 server on the loopback interface that serves files from a directory and
 * misbehaves on purpose, by path prefix:
 * {@code /data/<f>} serves {@code f} (404 if absent); {@code /redirect/<f>} answers 302 to
 * {@code /data/<f>}; {@code /short/<f>} announces 1000 bytes, sends 10 and closes;
 * {@code /stall/<f>} announces 1000 bytes, sends 10 and then waits until the server closes.
 */
final class LoopbackServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Path root;
    private final CountDownLatch closed = new CountDownLatch(1);

    LoopbackServer(Path root) throws IOException {
        this.root = root;
        this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "loopback-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return {@code http://127.0.0.1:port} */
    String base() {
        return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread handler = new Thread(() -> handle(client), "loopback-http-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            String path = requestPath(in);
            String[] parts = path.split("/", 3); // "", mode, file
            String mode = parts.length > 1 ? parts[1] : "";
            Path file = root.resolve(parts.length > 2 ? parts[2] : "none");
            switch (mode) {
                case "data" -> {
                    if (Files.isRegularFile(file)) {
                        byte[] body = Files.readAllBytes(file);
                        out.write(head("200 OK", "Content-Length: " + body.length));
                        out.write(body);
                    } else {
                        out.write(head("404 Not Found", "Content-Length: 0"));
                    }
                }
                case "redirect" -> out.write(head("302 Found", "Location: /data/" + parts[2]));
                case "short" -> {
                    out.write(head("200 OK", "Content-Length: 1000"));
                    out.write(new byte[10]);
                }
                case "stall" -> {
                    out.write(head("200 OK", "Content-Length: 1000"));
                    out.write(new byte[10]);
                    out.flush();
                    closed.await();
                }
                default -> out.write(head("404 Not Found", "Content-Length: 0"));
            }
        } catch (IOException | InterruptedException e) {
            // the client went away; nothing to do
        }
    }

    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            header.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String requestLine = header.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
        String[] words = requestLine.split(" ");
        return words.length > 1 ? words[1] : "/";
    }

    private static byte[] head(String status, String header) {
        return ("HTTP/1.0 " + status + "\r\n" + header + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}
