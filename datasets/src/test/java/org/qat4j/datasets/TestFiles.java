package org.qat4j.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes small files in the real formats (IDX, gzip, tar, CIFAR records) for tests. */
public final class TestFiles {

    private TestFiles() {
    }

    /** An IDX file of unsigned bytes: magic 00 00 08 d, big-endian sizes, data. */
    public static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    /** Gzip-compresses bytes. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Lower-case hex digest. */
    public static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        return digest("SHA-256", bytes);
    }

    /** Writes a file, creating its directory. */
    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random bytes from a seed. */
    public static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Random labels in 0..classes-1 from a seed, as bytes. */
    public static byte[] randomLabels(int n, int classes, long seed) {
        Random random = new Random(seed);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) random.nextInt(classes);
        }
        return labels;
    }

    /** A POSIX ustar archive of regular files, with the two closing zero blocks. */
    public static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] header = new byte[512];
            String name = e.getKey();
            if (name.length() > 100) { // POSIX ustar: the part before a '/' goes to the prefix field
                int slash = name.lastIndexOf('/', 155);
                putText(header, 345, name.substring(0, slash));
                name = name.substring(slash + 1);
            }
            putText(header, 0, name);
            putText(header, 100, "0000644");
            putText(header, 108, "0000000");
            putText(header, 116, "0000000");
            putText(header, 124, String.format("%011o", e.getValue().length));
            putText(header, 136, String.format("%011o", 0));
            header[156] = '0';
            putText(header, 257, "ustar");
            header[263] = '0';
            header[264] = '0';
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xFF;
            }
            putText(header, 148, String.format("%06o", sum));
            header[154] = 0;
            header[155] = ' ';
            out.writeBytes(header);
            out.writeBytes(e.getValue());
            out.writeBytes(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** Recomputes a tar header's checksum after a test changed it. */
    public static void fixTarChecksum(byte[] archive, int headerOffset) {
        for (int i = 148; i < 156; i++) {
            archive[headerOffset + i] = ' ';
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += archive[headerOffset + i] & 0xFF;
        }
        putText(archive, headerOffset + 148, String.format("%06o", sum));
        archive[headerOffset + 154] = 0;
    }

    private static void putText(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** CIFAR records: label byte then 3,072 pixels, per record. */
    public static byte[] cifarBatch(byte[] labels, byte[] pixels) {
        int n = labels.length;
        byte[] out = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            out[r * 3073] = labels[r];
            System.arraycopy(pixels, r * 3072, out, r * 3073 + 1, 3072);
        }
        return out;
    }

    /** An ordered map, for building tar archives entry by entry. */
    public static Map<String, byte[]> entries() {
        return new LinkedHashMap<>();
    }
}
