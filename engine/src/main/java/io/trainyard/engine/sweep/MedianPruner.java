package io.trainyard.engine.sweep;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.api.callback.RunContext;
import io.trainyard.engine.tracking.SweepQueries;

/**
 * Applies a sweep's {@link MedianRule} to one of its trials at each epoch's end, against the completed trials'
 * values in the store (read once an epoch, never in the batch loop). A pruned trial ends FINISHED with the rule's
 * reason as its stop reason; its last epoch is never pruned, as it ends anyway. A resumed trial's best so far
 * includes the epochs it recorded before.
 */
public final class MedianPruner implements Callback {

    private final MedianRule rule;
    private final SweepQueries queries;
    private final String sweepId;
    private double best = Double.NaN;
    private boolean started;

    public MedianPruner(MedianRule rule, SweepQueries queries, String sweepId) {
        this.rule = rule;
        this.queries = queries;
        this.sweepId = sweepId;
    }

    @Override
    public void onEpochEnd(RunContext run, EpochResult result) {
        if (!started) {
            // A resumed trial starts with what its recorded epochs reached.
            queries.earlierValues(run.runId(), rule.monitor(), result.epoch()).forEach(this::offer);
            started = true;
        }
        offer(value(run, result));
        if (result.epoch() >= run.epochs() || result.epoch() <= rule.warmupEpochs()) {
            return;
        }
        String reason = rule.verdict(result.epoch(), best, queries.completedValues(sweepId, rule.monitor(),
                result.epoch()));
        if (reason != null) {
            run.console().println(reason);
            run.requestStop(reason);
        }
    }

    private void offer(double value) {
        if (!Double.isNaN(value) && (Double.isNaN(best) || (rule.maximize() ? value > best : value < best))) {
            best = value;
        }
    }

    private double value(RunContext run, EpochResult result) {
        return MetricNames.BUILT_IN.contains(rule.monitor()) ? result.metric(rule.monitor())
                : run.epochMetrics().getOrDefault(rule.monitor(), Double.NaN);
    }
}
