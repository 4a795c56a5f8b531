package io.trainyard.api.optim;

/**
 * Updates a model's {@link io.trainyard.api.model.Parameters} from their gradients. An optimizer is created for one
 * parameter buffer and keeps its per-parameter state (momentum, moments) in flat buffers of the same layout, so a
 * step is a few large in-place operations and allocates nothing.
 */
public interface Optimizer {

    /** Sets every gradient to zero before the next backward pass accumulates into them. */
    void zeroGradients();

    /** Applies one update from the current gradients. */
    void step();

    /** The learning rate the next step will use. */
    double learningRate();

    /** Changes the learning rate from the next step on (for schedules). */
    void setLearningRate(double learningRate);
}
