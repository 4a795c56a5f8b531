package io.trainyard.plugins.callback;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.RunContext;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;

/**
 * A learning-rate schedule that is a function of the epoch, as PyTorch's schedulers stepped once per epoch: epoch
 * {@code e} (0-based) trains with {@code rate(lr0, e)}, {@code lr0} being the optimizer's rate when the run starts
 * (kept in the checkpoints: a resumed run starts with a scheduled rate, not {@code lr0}). Every epoch's rate is
 * logged as the metric {@code lr}.
 */
abstract class EpochSchedule implements Callback {

    private double initial = Double.NaN;

    @Override
    public final void onRunStart(RunContext run) {
        if (Double.isNaN(initial)) {
            initial = run.optimizer().learningRate();
        }
    }

    @Override
    public final void saveState(DataOutput out) throws IOException {
        out.writeDouble(initial);
    }

    @Override
    public final void loadState(DataInput in) throws IOException {
        initial = in.readDouble();
    }

    @Override
    public final Set<String> loggedMetrics() {
        return Set.of("lr");
    }

    @Override
    public final void onEpochStart(RunContext run, int epoch) {
        double rate = rate(initial, epoch - 1);
        run.optimizer().setLearningRate(rate);
        run.logMetric("lr", rate);
    }

    /** The learning rate of 0-based epoch {@code epoch}. */
    abstract double rate(double initial, int epoch);
}
