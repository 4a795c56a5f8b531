package io.trainyard.engine.sweep;

import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.TrialState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How far a sweep has come, in the words its console prints: trials ended of planned, the time left at the pace of
 * the trials this process ran, and the epoch each running trial has reached.
 */
final class SweepProgress {

    private final int total;
    private final long start = System.nanoTime();
    private int endedHere;
    private final int endedBefore;

    /** @param endedBefore trials that had ended before this process took the sweep up */
    SweepProgress(int total, int endedBefore) {
        this.total = total;
        this.endedBefore = endedBefore;
    }

    /** Counts a trial this process ran and says where the sweep stands: "3 of 8 trials ended, ETA 0:01:30". */
    synchronized String trialEnded() {
        endedHere++;
        return status();
    }

    /** The trials running now with the epoch each has recorded, then where the sweep stands. */
    synchronized String running(List<TrialState> trials, Map<String, RunDetails> runs) {
        String running = trials.stream().filter(trial -> "RUNNING".equals(trial.status()) && runs.containsKey(
                trial.runId())).map(trial -> {
                    RunDetails run = runs.get(trial.runId());
                    return "trial " + trial.trial().number() + " at epoch " + run.summary().epochs() + " of "
                            + run.params().getOrDefault("epochs", "?");
                }).collect(Collectors.joining(", "));
        return (running.isEmpty() ? "no trial running" : "running: " + running) + "; " + status();
    }

    private String status() {
        int ended = endedBefore + endedHere;
        String line = ended + " of " + total + " trials ended";
        if (endedHere == 0 || ended >= total) {
            return line;
        }
        long eta = Math.round((System.nanoTime() - start) / 1e9 / endedHere * (total - ended));
        return line + String.format(Locale.ROOT, ", ETA %d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60);
    }
}
