package io.trainyard.api.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss function: a scalar from a batch of predictions and targets, and its gradient with respect to the
 * predictions. The target layout is the dataset's: class indices {@code [batch]} for classification, an array shaped
 * like the predictions for regression.
 */
public interface Loss {

    /**
     * Returns the loss of the batch (reduced as configured, e.g. the mean over samples) and writes
     * {@code d loss / d predictions} into {@code gradient}, which has the predictions' shape and is reused across
     * batches. Must not allocate per call.
     */
    double compute(INDArray predictions, INDArray targets, INDArray gradient);
}
