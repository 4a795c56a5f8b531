package io.trainyard.engine.tracking;

import java.time.Instant;

/**
 * A file a run logged, under a name unique within the run.
 *
 * @param path where the file is on this machine (in the run's folder), whether or not it is there
 */
public record Artifact(String name, String path, long sizeBytes, String sha256, Instant loggedAt) {
}
