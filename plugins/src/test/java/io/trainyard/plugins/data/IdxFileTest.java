package io.trainyard.plugins.data;

import io.trainyard.testkit.IdxFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path directory;

    @Test
    void readsDimensionsDataAndTheContentHash() throws Exception {
        byte[] content = IdxFiles.idx(new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, (byte) 255});
        IdxFile file = IdxFile.read(IdxFiles.write(directory.resolve("a.gz"), content));
        assertArrayEquals(new int[] {2, 3}, file.dimensions());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, (byte) 255}, bytes(file.data()));
        assertEquals(2, file.count());
        assertEquals(3, file.itemLength());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), file.sha256());
    }

    @Test
    void aCopyIsWrittenUncompressedWithTheChecksumItIsReadBackBy() throws Exception {
        byte[] content = IdxFiles.idx(new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, (byte) 255});
        IdxFile file = IdxFile.read(IdxFiles.write(directory.resolve("a.gz"), content));
        Path copy = directory.resolve("a");
        try (var out = Files.newOutputStream(copy)) {
            file.writeUncompressed(out);
        }
        assertArrayEquals(content, Files.readAllBytes(copy));
        CRC32C expected = new CRC32C();
        expected.update(content);
        assertEquals(expected.getValue(), file.crc32c());

        IdxFile read = IdxFile.readCopy(copy, file.crc32c(), file.sha256());
        assertEquals(file, read);
        assertEquals(file.sha256(), read.sha256());
        assertTrue(read.data().isDirect() && read.data().isReadOnly(), "the copy's values are its file, mapped");

        content[content.length - 1] = 7; // a pixel changed: the copy still parses
        Files.write(copy, content);
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> IdxFile.readCopy(copy, file.crc32c(), file.sha256()));
        assertEquals("data file " + copy + " is unusable: its bytes changed since it was written (CRC32C mismatch);"
                + " delete it and download it again, or reinstall the package it came from", error.getMessage());
    }

    /**
     * A stream handed a heap array whole passes it through a native buffer of its size (47 MB for Fashion-MNIST's
     * training images), so the copy is written a megabyte at most at a time, and still byte for byte.
     */
    @Test
    void aLargeCopyIsWrittenInPiecesOfAMegabyteAtMost() throws Exception {
        byte[] values = new byte[3000 * 1000];
        new Random(5).nextBytes(values);
        byte[] content = IdxFiles.idx(new int[] {3000, 1000}, values);
        IdxFile file = IdxFile.read(IdxFiles.write(directory.resolve("large.gz"), content));
        int[] largest = {0};
        var written = new ByteArrayOutputStream() {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                largest[0] = Math.max(largest[0], length);
                super.write(bytes, offset, length);
            }
        };
        file.writeUncompressed(written);
        assertArrayEquals(content, written.toByteArray());
        assertEquals(1 << 20, largest[0]);
    }

    @Test
    void truncatedDataIsAnErrorNamingTheFile() throws IOException {
        byte[] content = IdxFiles.idx(new int[] {10, 28, 28}, new byte[7840]);
        Path file = IdxFiles.write(directory.resolve("short.gz"), Arrays.copyOf(content, 1000));
        TrainyardException error = assertThrows(TrainyardException.class, () -> IdxFile.read(file));
        assertTrue(error.getMessage().startsWith("data file " + file + " is unusable: it is truncated"),
                error.getMessage());
    }

    @Test
    void cutOffGzipStreamIsAnErrorNamingTheFile() throws IOException {
        Path whole = IdxFiles.write(directory.resolve("whole.gz"), new int[] {100, 28, 28}, new byte[78400]);
        byte[] bytes = Files.readAllBytes(whole);
        Path file = Files.write(directory.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        TrainyardException error = assertThrows(TrainyardException.class, () -> IdxFile.read(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void notGzipIsAnError() throws IOException {
        Path file = Files.writeString(directory.resolve("text.gz"), "hello");
        TrainyardException error = assertThrows(TrainyardException.class, () -> IdxFile.read(file));
        assertTrue(error.getMessage().contains("not a valid gzip stream"), error.getMessage());
    }

    @Test
    void wrongMagicNumberIsAnError() throws IOException {
        byte[] content = IdxFiles.idx(new int[] {1}, new byte[] {1});
        content[2] = 0x0d; // float data instead of unsigned bytes
        Path file = IdxFiles.write(directory.resolve("float.gz"), content);
        TrainyardException error = assertThrows(TrainyardException.class, () -> IdxFile.read(file));
        assertTrue(error.getMessage().contains("not an unsigned-byte IDX file (magic number 0x00000d01)"),
                error.getMessage());
    }

    @Test
    void trailingDataIsAnError() throws IOException {
        byte[] content = IdxFiles.idx(new int[] {2}, new byte[] {1, 2, 3});
        Path file = IdxFiles.write(directory.resolve("long.gz"), content);
        TrainyardException error = assertThrows(TrainyardException.class, () -> IdxFile.read(file));
        assertTrue(error.getMessage().contains("data after the 2 values"), error.getMessage());
    }

    @Test
    void aCopyCutShortOrWithBytesAfterItsValuesIsRefusedNamingIt() throws IOException {
        byte[] content = IdxFiles.idx(new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6});
        Path copy = directory.resolve("copy");
        Files.write(copy, Arrays.copyOf(content, content.length - 2));
        TrainyardException error = assertThrows(TrainyardException.class, () -> IdxFile.readCopy(copy, 0, ""));
        assertEquals("data file " + copy + " is unusable: it is truncated: the header announces 6 values but only 4"
                + " follow; delete it and download it again, or reinstall the package it came from", error.getMessage());
        Files.write(copy, Arrays.copyOf(content, content.length + 1));
        error = assertThrows(TrainyardException.class, () -> IdxFile.readCopy(copy, 0, ""));
        assertTrue(error.getMessage().contains(copy + " is unusable: it has data after the 6 values"),
                error.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> IdxFile.read(directory.resolve("absent.gz")));
        assertEquals("data file " + directory.resolve("absent.gz") + " does not exist", error.getMessage());
    }

    /** The buffer's bytes, from its position to its limit, leaving it as it was. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
