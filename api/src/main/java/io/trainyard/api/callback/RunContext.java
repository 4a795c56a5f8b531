package io.trainyard.api.callback;

import java.io.PrintStream;
import java.util.Map;

/** What a callback may read about the running experiment, and the one thing it may change: whether it goes on. */
public interface RunContext {

    /** The run's id in the store. */
    String runId();

    String experimentName();

    /** Every resolved hyperparameter under its dotted key, e.g. {@code optimizer.lr}. */
    Map<String, Object> params();

    /** Planned number of epochs. */
    int epochs();

    int batchSize();

    int trainSamples();

    /** Number of training batches per epoch, the last one possibly partial. */
    int batchesPerEpoch();

    /** Where a callback prints for the user. */
    PrintStream console();

    /**
     * Asks the trainer to end the run after the current batch (when called from {@code onBatchEnd}) or after the
     * current epoch (from {@code onEpochEnd}). The run ends {@link RunStatus#FINISHED} with the reason recorded; an
     * epoch cut short is not evaluated nor recorded.
     */
    void requestStop(String reason);

    /** The reason of the first stop request, or {@code null}. */
    String stopReason();
}
