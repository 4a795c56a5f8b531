package io.trainyard.engine.tracking;

import io.trainyard.api.callback.EpochResult;
import java.util.List;
import java.util.Map;

/**
 * Everything recorded about one run.
 *
 * @param params dotted key to typed value (Long, Double, Boolean, String, or the list's text)
 * @param provenance dotted key to text, in key order
 */
public record RunDetails(RunSummary summary, Map<String, Object> params, List<EpochResult> epochs,
        long stepCount, Map<String, String> provenance) {
}
