package io.trainyard.engine.tracking;

import java.time.Instant;

/**
 * One line of the runs list.
 *
 * @param epochs finished epochs
 * @param finalTestAccuracy test accuracy of the last finished epoch, or NaN
 * @param lineage the run it reruns or the sweep it is a trial of
 */
public record RunSummary(String id, String experiment, String status, Instant start, Instant end, long seed,
        int epochs, double finalTestAccuracy, double finalTestLoss, String errorMessage, String stopReason,
        String datasetSha256, String experimentFile, Lineage lineage) {
}
