package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A file kept with a run (a checkpoint, an artifact): written whole or not at all, and read back only if its SHA-256
 * is the recorded one, from its path or, where the file is not on this machine (a worker on another), from the
 * store's copy of its bytes.
 */
public final class KeptFile {

    /**
     * Bytes go to and from a file in pieces of this size. A heap array handed to a file whole is copied through a
     * temporary native buffer as large as the call, which the JDK zeroes and then keeps for the thread: for a
     * checkpoint of the reference model, 11 MB of fresh pages (2 600 page faults, about 35 ms of a core on a virtual
     * machine where one costs 13 us) and 11 MB more resident memory until the process ends.
     */
    static final int PIECE = 1 << 20;

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
                for (int offset = 0; offset < length; offset += PIECE) {
                    out.write(data, offset, Math.min(PIECE, length - offset));
                }
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
            data = readAll(Path.of(path));
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

    /**
     * The file's bytes, read in pieces ({@link #PIECE}); as many as it had when opened, or fewer if it shrank
     * meanwhile.
     */
    public static byte[] readAll(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large to read into memory (" + size + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.position() < buffer.capacity()) {
                buffer.limit(Math.min(buffer.capacity(), buffer.position() + PIECE));
                if (channel.read(buffer) < 0) {
                    return Arrays.copyOf(buffer.array(), buffer.position());
                }
            }
            return buffer.array();
        }
    }
}
