package io.trainyard.engine.tracking;

/**
 * A planned trial and its latest run.
 *
 * @param runId the latest run of the trial, or null before it has one
 * @param status that run's status, or null
 * @param hasCheckpoint whether that run saved a checkpoint it could resume from
 */
public record TrialState(Trial trial, String runId, String status, boolean hasCheckpoint) {

    /** Whether the trial has a result: its run finished (early stopping and pruning included) or failed. */
    public boolean ended() {
        return "FINISHED".equals(status) || "FAILED".equals(status);
    }
}
