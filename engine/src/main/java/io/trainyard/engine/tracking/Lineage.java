package io.trainyard.engine.tracking;

/**
 * What a run belongs to.
 *
 * @param parentId the run this one reruns, or null
 * @param sweepId the sweep this run is a trial of, or null
 * @param trial the trial's number in that sweep, or 0
 */
public record Lineage(String parentId, String sweepId, int trial) {

    /** A run on its own. */
    public static final Lineage NONE = new Lineage(null, null, 0);

    public static Lineage rerunOf(String runId) {
        return new Lineage(runId, null, 0);
    }

    public static Lineage trialOf(String sweepId, int trial) {
        return new Lineage(null, sweepId, trial);
    }
}
