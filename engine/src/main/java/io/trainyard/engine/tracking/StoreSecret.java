package io.trainyard.engine.tracking;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The store's database password: random, made when the store is made, kept in {@code trainyard.secret} that only
 * the store's owner can read. Whoever can read it may use the store through the port its holding process serves;
 * nobody else can, whatever the port accepts.
 */
final class StoreSecret {

    static final String FILE = "trainyard.secret";

    private StoreSecret() {
    }

    /** The secret, if the store has one yet. */
    static Optional<String> read(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new StoreException("cannot read the store's key " + file + ": permission denied; the store belongs"
                    + " to another user (use a store of your own with --store DIR)", e);
        } catch (IOException e) {
            throw new StoreException("cannot read the store's key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The secret, made now if the store has none: written whole under a temporary name, owner-only from its creation,
     * then moved into place; when two processes make one at once, the first to land wins and both use it.
     */
    static String readOrCreate(Path directory) {
        Optional<String> existing = read(directory);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Path file = directory.resolve(FILE);
        try {
            Path written = Files.createTempFile(directory, FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(written, secret);
                Files.createLink(file, written);
            } finally {
                Files.deleteIfExists(written);
            }
            return secret;
        } catch (FileAlreadyExistsException e) {
            return read(directory).orElseThrow();
        } catch (IOException e) {
            throw new StoreException("cannot write the store's key " + file + ": " + e.getMessage(), e);
        }
    }
}
