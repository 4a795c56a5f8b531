package io.trainyard.api.callback;

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
}
