package io.trainyard.plugins.callback;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.RunContext;

/**
 * A learning-rate schedule that is a function of the epoch, as PyTorch's schedulers stepped once per epoch: epoch
 * {@code e} (0-based) trains with {@code rate(lr0, e)}, {@code lr0} being the optimizer's rate when the run starts.
 * Every epoch's rate is logged as the metric {@code lr}.
 */
abstract class EpochSchedule implements Callback {

    private double initial;

    @Override
    public final void onRunStart(RunContext run) {
        initial = run.optimizer().learningRate();
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
