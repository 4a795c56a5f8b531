package io.trainyard.engine.tracking;

import java.time.Instant;
import java.util.List;

/**
 * A sweep as recorded: the parent of its trials' runs.
 *
 * @param status RUNNING (in the process that recorded it), QUEUED (for workers), FINISHED (every trial ended), FAILED
 *     (a trial could not run), KILLED or CRASHED
 * @param method grid or random
 * @param repeats seeds per configuration
 * @param definitionSha256 SHA-256 of the experiment's text and the overrides: the same command finds the sweep
 * @param overrides the command line's {@code --set} assignments, applied to every trial before its own
 * @param errorMessage why it FAILED, or null
 */
public record SweepRecord(String id, String name, String status, Instant start, Instant end, String method,
        int repeats, String definitionSha256, String experimentFile, String experimentText, List<String> overrides,
        String errorMessage) {

    public SweepRecord {
        overrides = List.copyOf(overrides);
    }
}
