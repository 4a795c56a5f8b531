package io.trainyard.api.callback;

import io.trainyard.api.model.ParameterView;
import io.trainyard.api.optim.Optimizer;
import java.io.PrintStream;
import java.nio.file.Path;
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

    /** The rule behind {@link #batchesPerEpoch()}: every sample once, the last batch possibly partial. */
    static int batchesPerEpoch(int samples, int batchSize) {
        return (samples + batchSize - 1) / batchSize;
    }

    /** Where a callback prints for the user. */
    PrintStream console();

    /** The run's folder, where a callback may keep files of its own (a log, a checkpoint). */
    Path runDirectory();

    /**
     * The run's optimizer, for learning-rate schedules ({@link Optimizer#learningRate()},
     * {@link Optimizer#setLearningRate(double)}). The trainer zeroes the gradients and steps; callbacks do not.
     */
    Optimizer optimizer();

    /**
     * The model's parameters and gradients, to read (a metric of the weights, logged with {@link #logMetric}); the
     * same view for the whole run.
     */
    ParameterView parameters();

    /**
     * Asks the trainer to end the run after the current batch (when called from {@code onBatchEnd}) or after the
     * current epoch (from {@code onEpochEnd}). The run ends {@link RunStatus#FINISHED} with the reason recorded; an
     * epoch cut short is not evaluated nor recorded.
     */
    void requestStop(String reason);

    /** The reason of the first stop request, or {@code null}. */
    String stopReason();

    /**
     * Records a metric of the current epoch, such as the learning rate; it is stored with the epoch, summarised
     * (first, last, min, max) and filterable as {@code metrics.NAME}. Log up to {@code onEvaluationEnd}: the epoch is
     * committed before any {@code onEpochEnd} of an experiment's callbacks runs. A second value under the same name
     * in one epoch replaces the first; a non-finite value is stored as missing.
     *
     * @param name lower-case snake_case, not one of the built-in {@code train_loss}, {@code train_accuracy},
     *     {@code test_loss}, {@code test_accuracy}, {@code epoch_seconds}
     * @throws IllegalArgumentException for a name that breaks these rules
     */
    void logMetric(String name, double value);

    /** The metrics logged during the current epoch so far, by name, in logging order. */
    Map<String, Double> epochMetrics();
}
