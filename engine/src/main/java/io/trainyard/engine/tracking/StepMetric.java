package io.trainyard.engine.tracking;

import java.time.Instant;

/**
 * The training loss of one batch.
 *
 * @param step 0-based batch count since the run started
 * @param epoch 1-based epoch
 * @param batch 0-based batch within the epoch
 */
public record StepMetric(long step, int epoch, int batch, double trainLoss, Instant recordedAt) {
}
