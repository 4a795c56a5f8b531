package io.trainyard.api.callback;

import java.util.Map;

/**
 * The metrics of one finished epoch.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's samples
 * @param trainAccuracy training accuracy over the epoch (measured on each batch before its update); {@code NaN} for
 *     regression
 * @param testLoss mean test loss after the epoch
 * @param testAccuracy test accuracy after the epoch; {@code NaN} for regression
 * @param seconds wall time of the epoch's training and evaluation
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        double seconds) {

    /**
     * An epoch's result from metrics by their recorded names ({@link MetricNames#BUILT_IN}); a name left out reads
     * as missing ({@code NaN}), other names are ignored.
     */
    public static EpochResult of(int epoch, Map<String, Double> metrics) {
        return new EpochResult(epoch, metrics.getOrDefault("train_loss", Double.NaN),
                metrics.getOrDefault("train_accuracy", Double.NaN), metrics.getOrDefault("test_loss", Double.NaN),
                metrics.getOrDefault("test_accuracy", Double.NaN), metrics.getOrDefault("epoch_seconds", Double.NaN));
    }

    /**
     * One of the metrics by its recorded name: {@code train_loss}, {@code train_accuracy}, {@code test_loss},
     * {@code test_accuracy} or {@code epoch_seconds} (see {@link MetricNames#BUILT_IN}).
     *
     * @throws IllegalArgumentException for any other name (a metric a callback logs is in
     *     {@link RunContext#epochMetrics()})
     */
    public double metric(String name) {
        return switch (name) {
            case "train_loss" -> trainLoss;
            case "train_accuracy" -> trainAccuracy;
            case "test_loss" -> testLoss;
            case "test_accuracy" -> testAccuracy;
            case "epoch_seconds" -> seconds;
            default -> throw new IllegalArgumentException("'" + name + "' is not one of the built-in metrics "
                    + MetricNames.BUILT_IN);
        };
    }
}
