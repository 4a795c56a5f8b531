package io.trainyard.engine.training;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.api.model.Parameters;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Calls every callback's hook in order. The end-of-run hooks always reach every callback: one that throws there
 * does not keep the others (among them the recorder) from closing the run.
 */
final class HookChain {

    private final Callback[] callbacks;

    HookChain(List<Callback> callbacks) {
        this.callbacks = callbacks.toArray(new Callback[0]);
    }

    void runStart(RunContext run) {
        for (Callback callback : callbacks) {
            callback.onRunStart(run);
        }
    }

    void epochStart(RunContext run, int epoch) {
        for (Callback callback : callbacks) {
            callback.onEpochStart(run, epoch);
        }
    }

    void beforeOptimizerStep(RunContext run, Parameters parameters) {
        for (Callback callback : callbacks) {
            callback.onBeforeOptimizerStep(run, parameters);
        }
    }

    void batchEnd(RunContext run, int epoch, int batch, double loss) {
        for (Callback callback : callbacks) {
            callback.onBatchEnd(run, epoch, batch, loss);
        }
    }

    void evaluationBatch(RunContext run, int epoch, INDArray outputs, INDArray targets) {
        for (Callback callback : callbacks) {
            callback.onEvaluationBatch(run, epoch, outputs, targets);
        }
    }

    void evaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
        for (Callback callback : callbacks) {
            callback.onEvaluationEnd(run, epoch, evaluation);
        }
    }

    void epochEnd(RunContext run, EpochResult result) {
        for (Callback callback : callbacks) {
            callback.onEpochEnd(run, result);
        }
    }

    /** Tells every callback; returns the first exception a callback threw doing so, or {@code null}. */
    RuntimeException failure(RunContext run, Throwable error) {
        return notifyEvery(callback -> callback.onFailure(run, error));
    }

    /** Tells every callback; returns the first exception a callback threw doing so, or {@code null}. */
    RuntimeException runEnd(RunContext run, RunStatus status) {
        return notifyEvery(callback -> callback.onRunEnd(run, status));
    }

    private RuntimeException notifyEvery(Consumer<Callback> hook) {
        RuntimeException first = null;
        for (Callback callback : callbacks) {
            try {
                hook.accept(callback);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        return first;
    }
}
