package io.trainyard.api.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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

    /**
     * Gives the run's thread budget ({@code threads} in the experiment), once, before the first step, to an optimizer
     * that splits its step over a second thread ({@link io.trainyard.api.parallel.Halves}). A step must give the same
     * bits whatever the budget (the test kit's optimizer contract checks this). The default ignores it.
     */
    default void useThreads(int threads) {
    }

    /** The learning rate the next step will use. */
    double learningRate();

    /** Changes the learning rate from the next step on (for schedules). */
    void setLearningRate(double learningRate);

    /**
     * Writes everything the next steps depend on besides the parameters (learning rate, step count, momentum,
     * moments), for checkpoints from which a run resumes. An optimizer with state must implement this and
     * {@link #loadState}; the test kit's optimizer contract checks that a twin loaded from saved state steps
     * identically.
     */
    default void saveState(DataOutput out) throws IOException {
        out.writeDouble(learningRate());
    }

    /** Reads what {@link #saveState} wrote, into an optimizer built with the same settings for the same parameters. */
    default void loadState(DataInput in) throws IOException {
        setLearningRate(in.readDouble());
    }
}
