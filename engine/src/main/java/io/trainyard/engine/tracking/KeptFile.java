package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A file kept with a run (a checkpoint, an artifact): written whole or not at all, and read back only if its SHA-256
 * is the recorded one, from its path or, where the file is not on this machine (a worker on another), from the
 * store's copy of its bytes.
 */
public final class KeptFile {

    private KeptFile() {
    }

    /**
     * Writes {@code data} to {@code file} whole: under a name of its own first, then moved into place, so that a
     * process that dies, or a disk that fills, never leaves a file cut short under the file's name.
     */
    public static void write(Path file, byte[] data) throws IOException {
        write(file, data, data.length);
    }

    /** As {@link #write(Path, byte[])}, the first {@code length} bytes of {@code data}. */
    public static void write(Path file, byte[] data, int length) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(partial)) {
                out.write(data, 0, length);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Gives {@code existing}, a kept file that is never changed, the second name {@code file}, whole or not at all as
     * {@link #write} does, without copying its bytes. False, and nothing done, where the file system has no hard
     * links or {@code existing} is gone; the caller then writes the bytes.
     */
    public static boolean link(Path file, Path existing) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            Files.createLink(partial, existing);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            return false;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * @param what the file as a message names it ({@code the last checkpoint of run X})
     * @param storeCopy the bytes the store keeps, if it keeps them
     */
    public static byte[] read(String what, String path, String sha256, Supplier<Optional<byte[]>> storeCopy) {
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            data = storeCopy.get().orElseThrow(() -> new TrainyardException("cannot read " + what + " at " + path
                    + ": " + e.getMessage()));
        }
        if (!Sha256.of(data).equals(sha256)) {
            throw new TrainyardException(what + " (" + path + ") has changed since it was saved: its SHA-256 is not"
                    + " the recorded " + sha256);
        }
        return data;
    }
}
