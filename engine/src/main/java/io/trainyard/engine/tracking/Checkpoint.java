package io.trainyard.engine.tracking;

/**
 * A saved model file of a run.
 *
 * @param kind {@code last} (the latest epoch) or {@code best} (by {@code monitor})
 * @param value the monitored metric at {@code epoch}
 */
public record Checkpoint(String kind, int epoch, String path, String sha256, String monitor, double value) {
}
