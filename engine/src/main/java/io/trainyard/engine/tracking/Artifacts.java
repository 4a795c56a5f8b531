package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Keeps files a run logs: a copy in the run's folder under {@code artifacts/NAME}, written whole before it is
 * recorded with its size and SHA-256, so that the record never points at a partial file; a store given by URL keeps
 * the bytes too, for machines that cannot see the folder.
 */
public final class Artifacts {

    /** Path segments of letters, digits, '.', '_' and '-', not starting with '.': no way out of the run's folder. */
    private static final String NAME = "[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*";
    private static final int NAME_LIMIT = 300;
    /** The most a database keeps in one value (PostgreSQL's bytea holds 1 GB). */
    private static final long DATA_LIMIT = 1_000_000_000L;
    private static final String FOLDER = "artifacts";

    private final RunStore store;
    private final StoreLocation location;

    public Artifacts(RunStore store, StoreLocation location) {
        this.store = store;
        this.location = location;
    }

    /** Copies {@code file} into the run's artifacts as {@code name} (replacing one of that name) and records it. */
    public Artifact log(String runId, Path file, String name) {
        checkName(name);
        if (!Files.isRegularFile(file)) {
            throw new TrainyardException("cannot log " + file + " as an artifact: it is not a file; give the path of"
                    + " a file");
        }
        Path target = location.runDirectory(runId).resolve(FOLDER).resolve(name);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            if (location.keepsFileBytes() && Files.size(file) > DATA_LIMIT) {
                throw new TrainyardException("cannot log " + file + " as an artifact: the store keeps files of at"
                        + " most 1 GB; log a smaller file, or keep it elsewhere and log its path in a note");
            }
            Files.createDirectories(target.getParent());
            String sha256;
            try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(partial)) {
                sha256 = Sha256.copy(in, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Artifact artifact = new Artifact(name, target.toString(), Files.size(target), sha256, Instant.now());
            // Relative to the store, as checkpoints are: a store moved or copied elsewhere still finds its files.
            store.recordArtifact(runId, artifact, location.directory().relativize(target).toString(),
                    location.keepsFileBytes() ? KeptFile.readAll(target) : null);
            return artifact;
        } catch (NoSuchFileException e) {
            throw new TrainyardException("cannot log " + file + " as an artifact: " + e.getFile() + " vanished while"
                    + " it was copied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep artifact " + name + " of run " + runId + ": " + e.getMessage(),
                    e);
        } finally {
            try {
                Files.deleteIfExists(partial); // a copy cut short (a full disk) is no artifact
            } catch (IOException e) {
                // left for the next log of that name to replace
            }
        }
    }

    /** Refuses, in one line, a name that could leave the run's folder or that a file system could not hold. */
    public static void checkName(String name) {
        if (name == null || name.length() > NAME_LIMIT || !name.matches(NAME) || name.endsWith(".partial")) {
            throw new TrainyardException("cannot use '" + name + "' as an artifact name; write it as a relative path"
                    + " (plots/loss.png) of letters, digits, '.', '_' and '-', each part not starting with '.',"
                    + " at most " + NAME_LIMIT + " characters");
        }
    }
}
