package io.trainyard.engine.tracking;

/**
 * One line of the sweeps list.
 *
 * @param trials planned trials
 * @param ended trials whose latest run finished or failed
 * @param bestRun the trial run with the highest final test accuracy, or null
 * @param bestAccuracy its final test accuracy, or NaN
 */
public record SweepSummary(SweepRecord sweep, int trials, int ended, String bestRun, double bestAccuracy) {
}
