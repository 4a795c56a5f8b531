package io.trainyard.api.callback;

import io.trainyard.api.model.Parameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hooks into the training loop. Every method has an empty default, so a callback implements only what it needs.
 *
 * <p>Order for a run of E epochs with B batches each:
 * <pre>
 * onRunStart
 *   onEpochStart(1)  onBatchEnd(1, 0) ... onBatchEnd(1, B-1)  onEvaluationBatch(1) ...  onEvaluationEnd(1)
 *                    onEpochEnd(1)
 *                    (each batch: onBeforeOptimizerStep, then onBatchEnd; each test batch: onEvaluationBatch)
 *   ...
 *   onEpochStart(E)  ...                                       onEvaluationEnd(E)  onEpochEnd(E)
 * onRunEnd(FINISHED)
 * </pre>
 * If anything throws, including a callback, {@code onFailure} runs and then {@code onRunEnd(FAILED)}; an interrupted
 * run gets {@code onRunEnd(KILLED)}. Callbacks are called in the order the experiment lists them, on the training
 * thread: keep {@code onBatchEnd} cheap.
 */
public interface Callback {

    /**
     * The metrics this callback logs with {@link RunContext#logMetric}. Declaring them lets other callbacks watch
     * them: before a run is recorded, the engine refuses a watched metric that neither the engine nor a callback
     * records.
     */
    default Set<String> loggedMetrics() {
        return Set.of();
    }

    /** The metrics this callback reads each epoch, such as early stopping's {@code monitor}. */
    default Set<String> watchedMetrics() {
        return Set.of();
    }

    default void onRunStart(RunContext run) {
    }

    /** @param epoch 1-based */
    default void onEpochStart(RunContext run, int epoch) {
    }

    /**
     * After the backward pass of a batch, before the optimizer step: the batch's gradients are in
     * {@code parameters.gradients()} and may be changed (gradient clipping). Called every batch: allocate nothing.
     */
    default void onBeforeOptimizerStep(RunContext run, Parameters parameters) {
    }

    /**
     * After the optimizer step of a batch.
     *
     * @param epoch 1-based epoch
     * @param batch 0-based batch index within the epoch
     * @param loss the batch's training loss
     */
    default void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
    }

    /**
     * For each batch of the test split evaluated at the end of an epoch: the model's outputs in evaluation mode and
     * the batch's targets, as the loss sees them. This is where a metric of the predictions is computed (top-k
     * accuracy, per-class accuracy, a confusion matrix): accumulate here, then {@link RunContext#logMetric log} the
     * result in {@link #onEvaluationEnd}, and it is recorded, filtered, compared and exported like any metric.
     *
     * @param outputs {@code [batch, outputs]}: one row of scores (logits, for classification) per sample
     * @param targets as the dataset fills them: for classification {@code [batch]} class indices stored as floats
     * @implNote The arrays are the engine's reused buffers: read them here and keep nothing. Called for every test
     *     batch: allocate nothing (read the values through {@code data()}, as the built-in metrics do).
     */
    default void onEvaluationBatch(RunContext run, int epoch, INDArray outputs, INDArray targets) {
    }

    /** After the test split has been evaluated at the end of an epoch. */
    default void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
    }

    /** After an epoch is trained, evaluated and recorded. */
    default void onEpochEnd(RunContext run, EpochResult result) {
    }

    /** When the run is ending because of an exception, before {@link #onRunEnd}. */
    default void onFailure(RunContext run, Throwable error) {
    }

    /** Last hook of every run that started, whatever its outcome. */
    default void onRunEnd(RunContext run, RunStatus status) {
    }

    /**
     * Writes what this callback has learnt during the run and will act on later (a best value, a count of epochs
     * without improvement, a position in a file). It is saved with every checkpoint, after every callback's
     * {@code onEpochEnd}, and loaded by {@link #loadState} when the run resumes from that checkpoint, so a resumed
     * run behaves as one that was never interrupted. Callbacks that keep nothing need neither method.
     */
    default void saveState(DataOutput out) throws IOException {
    }

    /** Reads what {@link #saveState} wrote, into a callback created with the same settings, before the run resumes. */
    default void loadState(DataInput in) throws IOException {
    }
}
