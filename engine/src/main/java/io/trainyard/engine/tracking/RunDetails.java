package io.trainyard.engine.tracking;

import io.trainyard.api.callback.EpochResult;
import java.util.List;
import java.util.Map;

/**
 * Everything recorded about one run.
 *
 * @param epochs per-epoch metrics; empty when read without them (see {@link RunQueries#details}); the count is
 *     in {@link RunSummary#epochs()} either way
 * @param params dotted key to typed value (Long, Double, Boolean, String or a list of them)
 * @param provenance dotted key to text, in key order
 * @param tags key to value, in key order
 * @param note the user's free text, or null
 * @param metrics each metric's summary by name ({@code test_accuracy}, ...)
 */
public record RunDetails(RunSummary summary, Map<String, Object> params, List<EpochResult> epochs,
        long stepCount, Map<String, String> provenance, Map<String, String> tags, String note,
        Map<String, MetricSummary> metrics) {
}
