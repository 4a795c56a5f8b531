package io.trainyard.plugins.callback;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;

/**
 * Prints progress in the shape of PyTorch's quick-start tutorial:
 * <pre>
 * Epoch 1
 * -------------------------------
 * loss: 2.302585  [    0/60000]
 * ...
 * Test Error: Accuracy: 70.4%, Avg loss: 0.795123
 * </pre>
 */
public final class ConsoleProgress implements Callback {

    private final int every;

    public ConsoleProgress(int every) {
        this.every = every;
    }

    @Override
    public void onEpochStart(RunContext run, int epoch) {
        run.console().printf("Epoch %d/%d%n-------------------------------%n", epoch, run.epochs());
    }

    @Override
    public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
        if (batch % every == 0) {
            int width = Integer.toString(run.trainSamples()).length();
            run.console().printf("loss: %f  [%" + width + "d/%d]%n", loss, (long) batch * run.batchSize(),
                    run.trainSamples());
        }
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
