package io.trainyard.engine.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a run ended when the store could not be told: a process that gives up on a store out of reach longer than its
 * limit leaves the reason in its run folder ({@code unrecorded-end.txt}), and the first command that finds the run's
 * heartbeat lapsed records it FAILED with that reason, rather than CRASHED, once the store answers again.
 */
final class UnrecordedEnd {

    private static final String FILE = "unrecorded-end.txt";

    private UnrecordedEnd() {
    }

    /** Leaves {@code reason} for a later command to record; quietly nothing if the folder cannot take it. */
    static void leave(Path runDirectory, String reason) {
        try {
            Files.writeString(runDirectory.resolve(FILE), reason, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The run then reads CRASHED, as it would without this file.
        }
    }

    /** The reason a run's process left, if it left one here (its folder is on this machine). */
    static Optional<String> of(Path runDirectory) {
        try {
            return Optional.of(Files.readString(runDirectory.resolve(FILE), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty(); // none left (NoSuchFileException), or the folder is not readable here
        }
    }

    /** Forgets an earlier reason: the run is being continued. */
    static void clear(Path runDirectory) {
        try {
            Files.deleteIfExists(runDirectory.resolve(FILE));
        } catch (IOException e) {
            // A stale reason could only name an outage this run has been resumed from.
        }
    }
}
