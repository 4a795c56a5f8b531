package io.trainyard.engine.compare;

import io.trainyard.engine.tracking.StepMetric;
import java.util.List;
import java.util.Map;

/**
 * What the runs recorded over time beyond their epoch metrics, for the report's curves.
 *
 * @param steps each run's per-step training loss, by run id
 * @param logged the metrics callbacks logged, by run id, epoch and name
 */
public record RunHistory(Map<String, List<StepMetric>> steps, Map<String, Map<Integer, Map<String, Double>>> logged) {
}
