package io.trainyard.engine.run;

import io.trainyard.api.callback.RunStatus;

/**
 * How a run ended.
 *
 * @param runId the id to show or compare it by
 * @param status its final status
 * @param finalTestAccuracy test accuracy after the last finished epoch, or NaN
 * @param error why a FAILED run failed, else {@code null}
 */
public record RunResult(String runId, RunStatus status, double finalTestAccuracy, String error) {
}
