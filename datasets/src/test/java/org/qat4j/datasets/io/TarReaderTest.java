package org.qat4j.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qat4j.datasets.TestFiles;

/** The tar reader on archives written in the ustar format. */
class TarReaderTest {

    private static byte[] archive() {
        Map<String, byte[]> entries = TestFiles.entries();
        entries.put("dir/a.bin", TestFiles.randomBytes(700, 1));
        entries.put("dir/empty", new byte[0]);
        entries.put("dir/b.bin", TestFiles.randomBytes(512, 2));
        return TestFiles.tar(entries);
    }

    @Test
    void readsNamesSizesAndContent() throws IOException {
        TarReader tar = new TarReader(new ByteArrayInputStream(archive()), "t.tar");
        TarReader.Entry a = tar.next();
        assertEquals(new TarReader.Entry("dir/a.bin", '0', 700), a);
        assertTrue(a.isFile());
        // Skip a's content: the reader must step over it and its padding.
        TarReader.Entry empty = tar.next();
        assertEquals("dir/empty", empty.name());
        assertEquals(0, empty.size());
        assertEquals("dir/b.bin", tar.next().name());
        byte[] content = new byte[512];
        tar.readContent(content);
        assertArrayEquals(TestFiles.randomBytes(512, 2), content);
        assertNull(tar.next());
    }

    @Test
    void joinsThePosixPrefixButNotGnuFields() throws IOException {
        String longName = "a-directory-name-long-enough-".repeat(3) + "/" + "and-a-file-name-".repeat(4) + "end.bin";
        Map<String, byte[]> entries = TestFiles.entries();
        entries.put(longName, new byte[] {1, 2, 3});
        byte[] posix = TestFiles.tar(entries);
        assertEquals(longName, new TarReader(new ByteArrayInputStream(posix), "t.tar").next().name());

        byte[] gnu = archive();
        byte[] magic = "ustar  \0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, gnu, 257, magic.length);
        gnu[345] = '1'; // a GNU atime field, not a name prefix
        TestFiles.fixTarChecksum(gnu, 0);
        assertEquals("dir/a.bin", new TarReader(new ByteArrayInputStream(gnu), "t.tar").next().name());
    }

    @Test
    void rejectsACorruptHeader() {
        byte[] bad = archive();
        bad[3] ^= 1; // a name byte: the checksum no longer matches
        IOException e = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(bad), "t.tar").next());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void rejectsATruncatedArchive() throws IOException {
        byte[] cut = Arrays.copyOf(archive(), 512 + 300);
        TarReader tar = new TarReader(new ByteArrayInputStream(cut), "t.tar");
        assertEquals(700, tar.next().size());
        assertThrows(EOFException.class, () -> tar.readContent(new byte[700]));

        TarReader skipping = new TarReader(new ByteArrayInputStream(cut), "t.tar");
        skipping.next();
        assertThrows(EOFException.class, skipping::next);

        byte[] halfHeader = Arrays.copyOf(archive(), 100);
        assertThrows(EOFException.class, () -> new TarReader(new ByteArrayInputStream(halfHeader), "t.tar").next());
    }
}
