package io.trainyard.plugins.callback;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints progress in the shape of PyTorch's quick-start tutorial:
 * <pre>
 * Epoch 1
 * -------------------------------
 * loss: 2.302585  [    0/60000]
 * loss: 2.146092  [ 6400/60000]  12,032 samples/s, epoch ETA 0:04
 * ...
 * Test Error: Accuracy: 70.4%, Avg loss: 0.795123
 * </pre>
 */
public final class ConsoleProgress implements Callback {

    private final int every;
    private final LongSupplier nanoTime;
    private long epochStart;

    public ConsoleProgress(int every) {
        this(every, System::nanoTime);
    }

    /** @param nanoTime the clock the pace is measured with (a test's own) */
    ConsoleProgress(int every, LongSupplier nanoTime) {
        this.every = every;
        this.nanoTime = nanoTime;
    }

    @Override
    public void onEpochStart(RunContext run, int epoch) {
        run.console().printf("Epoch %d/%d%n-------------------------------%n", epoch, run.epochs());
        epochStart = nanoTime.getAsLong();
    }

    @Override
    public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
        if (batch % every == 0) {
            int width = Integer.toString(run.trainSamples()).length();
            long done = (long) batch * run.batchSize();
            run.console().printf("loss: %f  [%" + width + "d/%d]%s%n", loss, done, run.trainSamples(),
                    batch == 0 ? "" : speed(done, run.trainSamples()));
        }
    }

    /** Samples per second so far this epoch, and the time the epoch's training needs at that pace. */
    private String speed(long done, int samples) {
        double seconds = (nanoTime.getAsLong() - epochStart) / 1e9;
        double rate = done / seconds;
        long eta = Math.round((samples - done) / rate);
        return String.format(Locale.ROOT, "  %,.0f samples/s, epoch ETA %d:%02d", rate, eta / 60, eta % 60);
    }

    @Override
    public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
        if (Double.isNaN(evaluation.accuracy())) {
            run.console().printf("Test Error: Avg loss: %f%n%n", evaluation.loss());
        } else {
            run.console().printf("Test Error: Accuracy: %.1f%%, Avg loss: %f%n%n", 100 * evaluation.accuracy(),
                    evaluation.loss());
        }
    }
}
