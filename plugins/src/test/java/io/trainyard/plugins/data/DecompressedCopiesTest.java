package io.trainyard.plugins.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import io.trainyard.testkit.IdxFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecompressedCopiesTest {

    @TempDir
    Path directory;

    private final byte[] pixels = {1, 2, 3, 4, 5, 6, 7, (byte) 255};

    private Path source() throws IOException {
        Files.createDirectories(directory.resolve("data"));
        return IdxFiles.write(directory.resolve("data/images.gz"), new int[] {2, 2, 2}, pixels);
    }

    private DecompressedCopies copies() {
        return new DecompressedCopies(directory.resolve("cache"));
    }

    /** The one copy in the cache (a folder per source directory). */
    private Path copy() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("cache"))) {
            List<Path> copies = files.filter(file -> file.getFileName().toString().equals("images")).toList();
            assertEquals(1, copies.size(), copies.toString());
            return copies.get(0);
        }
    }

    /** Rewrites the file in place with other bytes of the same length, and puts its modification time back. */
    private static void overwriteKeepingItsIdentity(Path file, int position) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(position);
            int value = access.read();
            access.seek(position);
            access.write(value ^ 0xff);
        }
        Files.setLastModifiedTime(file, modified);
    }

    @Test
    void aSecondReadComesFromTheCopyWithTheSameContentAndHash() throws IOException {
        Path source = source();
        IdxFile first = copies().read(source);
        assertArrayEquals(pixels, IdxFileTest.bytes(first.data()));
        assertArrayEquals(Files.readAllBytes(copy()), IdxFiles.idx(new int[] {2, 2, 2}, pixels),
                "the copy holds the decompressed bytes");

        // The source damaged without a trace in its size, time or inode: only a read of the copy can still succeed.
        overwriteKeepingItsIdentity(source, 12);
        assertThrows(TrainyardException.class, () -> IdxFile.read(source));
        IdxFile second = copies().read(source);
        assertEquals(first, second);
        assertTrue(second.data().isDirect(), "a copy is mapped, not read");
        assertEquals(first.sha256(), second.sha256());
    }

    @Test
    void aChangedSourceIsReadAgainAndCopiedAnew() throws IOException {
        Path source = source();
        copies().read(source);
        byte[] other = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        IdxFiles.write(source, new int[] {3, 2, 2}, other);
        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 5000));
        IdxFile changed = copies().read(source);
        assertArrayEquals(other, IdxFileTest.bytes(changed.data()));
        assertEquals(IdxFile.read(source).sha256(), changed.sha256());
        assertArrayEquals(IdxFiles.idx(new int[] {3, 2, 2}, other), Files.readAllBytes(copy()));
    }

    @Test
    void aDamagedCopyIsPassedOverAndReplaced() throws IOException {
        Path source = source();
        IdxFile original = copies().read(source);
        overwriteKeepingItsIdentity(copy(), 17); // a pixel: the copy still parses, its hash is off
        assertEquals(original, copies().read(source));
        assertArrayEquals(IdxFiles.idx(new int[] {2, 2, 2}, pixels), Files.readAllBytes(copy()));

        Files.write(copy(), new byte[] {0, 0, 8});
        assertEquals(original, copies().read(source), "a copy cut short");
    }

    @Test
    void aCopyStampedWithoutItsChecksumIsMadeAgain() throws IOException {
        Path source = source();
        IdxFile original = copies().read(source);
        Path stamp = copy().resolveSibling("images.source");
        List<String> lines = Files.readAllLines(stamp);
        assertEquals(List.of(String.valueOf(original.crc32c())), lines.subList(2, lines.size()));
        Files.write(stamp, lines.subList(0, 2)); // as versions that hashed the copy at every read wrote it
        Files.write(copy(), new byte[] {0, 0, 8});

        assertEquals(original, copies().read(source));
        assertEquals(lines, Files.readAllLines(stamp));
        assertArrayEquals(IdxFiles.idx(new int[] {2, 2, 2}, pixels), Files.readAllBytes(copy()));
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsTheCopy() throws IOException {
        Path source = source();
        Path notADirectory = Files.writeString(directory.resolve("file"), "in the way");
        IdxFile file = new DecompressedCopies(notADirectory.resolve("cache")).read(source);
        assertArrayEquals(pixels, IdxFileTest.bytes(file.data()));
        assertEquals("in the way", Files.readString(notADirectory));
    }

    @Test
    void aMissingSourceIsReportedAsWithoutCopies() {
        Path missing = directory.resolve("data/absent.gz");
        TrainyardException error = assertThrows(TrainyardException.class, () -> copies().read(missing));
        assertEquals("data file " + missing + " does not exist", error.getMessage());
        assertTrue(Files.notExists(directory.resolve("cache")));
    }
}
