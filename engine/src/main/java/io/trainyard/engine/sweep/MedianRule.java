package io.trainyard.engine.sweep;

import java.util.List;

/**
 * The median stopping rule (Google Vizier; Optuna's MedianPruner): after its warm-up, a trial stops at an epoch when
 * its best value of the monitored metric so far is worse than the median of what the sweep's completed trials had
 * at the same epoch. Completed means finished without being pruned; until {@code minTrials} of them have that
 * epoch, nothing is pruned.
 *
 * @param monitor an epoch metric ({@code test_accuracy}, {@code test_loss}, ...) or one a callback logs
 * @param maximize whether larger values are better
 * @param warmupEpochs epochs every trial runs before it can be pruned
 * @param minTrials completed trials needed before the rule applies
 */
public record MedianRule(String monitor, boolean maximize, int warmupEpochs, int minTrials) {

    /** What {@code sweep.prune} leaves out: Optuna's defaults. */
    public static final int DEFAULT_WARMUP_EPOCHS = 0;
    public static final int DEFAULT_MIN_TRIALS = 5;

    /**
     * Whether to stop a trial at {@code epoch}, given its best value so far and the completed trials' values at that
     * epoch; a reason when so, else null.
     */
    public String verdict(int epoch, double best, List<Double> completed) {
        if (epoch <= warmupEpochs || completed.size() < minTrials || Double.isNaN(best)) {
            return null;
        }
        double median = median(completed);
        boolean worse = maximize ? best < median : best > median;
        return worse ? String.format(java.util.Locale.ROOT, "pruned: best %s %.6g by epoch %d is worse than the"
                + " median %.6g of %d completed trials at that epoch", monitor, best, epoch, median, completed.size())
                : null;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
