package io.trainyard.engine.tracking;

/** One metric of one run: its first, last, lowest and highest value, each with the epoch it was reached in. */
public record MetricSummary(double first, int firstEpoch, double last, int lastEpoch, double min, int minEpoch,
        double max, int maxEpoch) {
}
