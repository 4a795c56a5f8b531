package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.TrainyardException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeptFileTest {

    @TempDir
    Path directory;

    /** Sizes around the pieces the bytes travel in: none, less than one, exactly one, one more, several and a part. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, KeptFile.PIECE - 1, KeptFile.PIECE, KeptFile.PIECE + 1, 5 * KeptFile.PIECE / 2})
    void bytesWrittenInPiecesReadBackTheSame(int size) throws Exception {
        byte[] data = new byte[size + 3];
        new Random(size).nextBytes(data);
        Path file = directory.resolve("nested").resolve("kept.bin");

        KeptFile.write(file, data, size);

        byte[] expected = Arrays.copyOf(data, size);
        assertArrayEquals(expected, Files.readAllBytes(file));
        assertArrayEquals(expected, KeptFile.readAll(file));
        assertFalse(Files.exists(file.resolveSibling("kept.bin.partial")));
    }

    @Test
    void readChecksTheRecordedHashAndFallsBackToTheStoresCopy() throws Exception {
        byte[] data = new byte[KeptFile.PIECE + 7];
        new Random(1).nextBytes(data);
        Path file = directory.resolve("last-epoch1.model");
        KeptFile.write(file, data);
        String sha256 = Sha256.of(data);

        assertArrayEquals(data, KeptFile.read("the checkpoint", file.toString(), sha256, Optional::empty));

        Files.delete(file);
        assertArrayEquals(data, KeptFile.read("the checkpoint", file.toString(), sha256, () -> Optional.of(data)));

        data[KeptFile.PIECE] ^= 1; // a byte in the second piece
        Files.write(file, data);
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> KeptFile.read("the checkpoint", file.toString(), sha256, Optional::empty));
        assertEquals("the checkpoint (" + file + ") has changed since it was saved: its SHA-256 is not the recorded "
                + sha256, error.getMessage());
    }
}
