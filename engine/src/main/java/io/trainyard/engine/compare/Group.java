package io.trainyard.engine.compare;

import io.trainyard.engine.tracking.RunDetails;
import java.util.List;
import java.util.Map;

/**
 * One configuration: runs whose params differ only in their seed.
 *
 * @param number its rank, 1 for the best
 * @param label what sets it apart, as people read it: {@code lr=0.01 momentum=0.9}, or "all runs"
 * @param params the params that set it apart, typed
 * @param runs best first; runs without a finished epoch last
 * @param finals the runs' final test accuracies in the same order (runs without a finished epoch have none)
 * @param mean their mean; NaN without any
 * @param sd their sample standard deviation (0 for one run)
 */
public record Group(int number, String label, Map<String, Object> params, List<RunDetails> runs, double[] finals,
        double mean, double sd) {

    /** The runs that count: those with a final test accuracy. */
    public int n() {
        return finals.length;
    }
}
