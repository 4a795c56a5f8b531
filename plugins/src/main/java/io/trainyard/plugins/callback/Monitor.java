package io.trainyard.plugins.callback;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.api.callback.RunContext;

/**
 * A metric a callback watches and which way is better, as Keras' {@code monitor} and {@code mode}: a built-in epoch
 * metric or one a callback logged; {@code auto} asks {@link MetricNames#higherIsBetter}.
 */
record Monitor(String metric, boolean higherIsBetter) {

    static Monitor of(String plugin, String metric, String mode) {
        return new Monitor(metric, switch (mode) {
            case "min" -> false;
            case "max" -> true;
            case "auto" -> MetricNames.higherIsBetter(metric);
            default -> throw new TrainyardException(plugin + " mode must be auto, min or max, got '" + mode + "'");
        });
    }

    /** The value this epoch; an error naming the metric when nothing recorded it (a typo, most likely). */
    double value(EpochResult result, RunContext run) {
        if (MetricNames.BUILT_IN.contains(metric)) {
            return result.metric(metric);
        }
        Double logged = run.epochMetrics().get(metric);
        if (logged == null) {
            throw new TrainyardException("no metric '" + metric + "' was recorded in epoch " + result.epoch()
                    + " to monitor; monitor test_loss, test_accuracy, train_loss, train_accuracy or a metric a"
                    + " callback logs");
        }
        return logged;
    }

    /** The worst possible value: anything recorded beats it. */
    double worst() {
        return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    String direction() {
        return higherIsBetter ? "max" : "min";
    }
}
