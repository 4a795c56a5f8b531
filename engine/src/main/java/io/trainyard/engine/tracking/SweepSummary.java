package io.trainyard.engine.tracking;

import java.util.List;

/**
 * One line of the sweeps list.
 *
 * @param trials planned trials
 * @param ended trials whose latest run finished or failed
 * @param runIds the latest run of each trial that has one
 */
public record SweepSummary(SweepRecord sweep, int trials, int ended, List<String> runIds) {

    public SweepSummary {
        runIds = List.copyOf(runIds);
    }
}
