package io.trainyard.engine.training;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.api.data.DataSplit;
import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Model;
import io.trainyard.engine.config.Experiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The epoch loops. Per batch: fill the reused batch buffers, zero the gradients, forward, loss and its gradient,
 * backward, optimizer step, {@code onBatchEnd}. After each epoch: evaluate the test split, {@code onEvaluationEnd},
 * {@code onEpochEnd}. The hook order is documented on {@link Callback}.
 *
 * <p>Nothing in the batch loop allocates an ND4J array once every batch size has been seen, and nothing in it
 * waits on I/O: the recorder, itself a callback, writes on its own thread.
 */
public final class Trainer {

    private static final DataType TYPE = DataType.FLOAT;

    private final BatchBuffers features = new BatchBuffers();
    private final BatchBuffers targets = new BatchBuffers();
    private final BatchBuffers lossGradients = new BatchBuffers();

    /**
     * Trains and returns how the run ended; a failure is rethrown after {@code onFailure} and
     * {@code onRunEnd(FAILED)} have run.
     *
     * @param engineHooks the engine's own callbacks (the recorder), called before the experiment's
     */
    public RunStatus train(Experiment experiment, TrainingSetup setup, ActiveRun run, List<Callback> engineHooks) {
        return train(experiment, setup, run, engineHooks, List.of(), 0);
    }

    /**
     * As {@link #train(Experiment, TrainingSetup, ActiveRun, List)}, continuing after {@code completedEpochs}
     * epochs whose model and optimizer state the setup already holds (a resumed run): the data order is drawn as
     * it was for those epochs, so the continuation is the uninterrupted run's.
     *
     * @param closingHooks engine callbacks called after the experiment's (the checkpoints, which hold their state)
     */
    public RunStatus train(Experiment experiment, TrainingSetup setup, ActiveRun run, List<Callback> engineHooks,
            List<Callback> closingHooks, int completedEpochs) {
        List<Callback> hooks = new ArrayList<>(engineHooks);
        hooks.addAll(setup.callbacks());
        hooks.addAll(closingHooks);
        HookChain chain = new HookChain(hooks);
        RunStatus status;
        try {
            chain.runStart(run);
            status = runEpochs(experiment, setup, run, chain, completedEpochs);
        } catch (RuntimeException | Error e) {
            RuntimeException hookError = chain.failure(run, e);
            RuntimeException endError = chain.runEnd(run, RunStatus.FAILED);
            for (RuntimeException suppressed : new RuntimeException[] {hookError, endError}) {
                if (suppressed != null) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        RuntimeException endError = chain.runEnd(run, status);
        if (endError != null) {
            throw endError;
        }
        return status;
    }

    /** Epochs until the plan is done, a callback asks to stop (FINISHED) or the user interrupts (KILLED). */
    private RunStatus runEpochs(Experiment experiment, TrainingSetup setup, ActiveRun run, HookChain chain,
            int completedEpochs) {
        DataSplit train = setup.dataset().train();
        int[] order = identity(train.size());
        Random shuffle = new SingleThreadRandom(Seeds.derive(experiment.seed(), Seeds.DATA_SHUFFLE));
        for (int epoch = 1; epoch <= completedEpochs; epoch++) {
            shuffle(order, shuffle);
        }
        for (int epoch = completedEpochs + 1; epoch <= experiment.epochs() && !run.stopRequested(); epoch++) {
            run.startEpoch();
            chain.epochStart(run, epoch);
            long start = System.nanoTime();
            shuffle(order, shuffle);
            double[] totals = trainEpoch(setup, train, order, experiment.batchSize(), epoch, run, chain);
            if (run.interrupted()) {
                return RunStatus.KILLED;
            }
            if (run.stopRequested()) {
                break;
            }
            int evaluated = epoch;
            Evaluation evaluation = evaluate(setup, experiment.evalBatchSize(),
                    (outputs, targets) -> chain.evaluationBatch(run, evaluated, outputs, targets));
            chain.evaluationEnd(run, epoch, evaluation);
            double seconds = (System.nanoTime() - start) / 1e9;
            chain.epochEnd(run, new EpochResult(epoch, totals[0] / train.size(),
                    accuracy(setup, totals[1], train.size()), evaluation.loss(), evaluation.accuracy(), seconds));
            if (run.interrupted()) {
                return RunStatus.KILLED;
            }
        }
        return RunStatus.FINISHED;
    }

    /** @return the summed loss (weighted by batch size) and the number of correct predictions */
    private double[] trainEpoch(TrainingSetup setup, DataSplit train, int[] order, int batchSize, int epoch,
            ActiveRun run, HookChain chain) {
        Model model = setup.model();
        long[] sampleShape = setup.dataset().sampleShape();
        long[] targetShape = setup.dataset().targetShape();
        boolean classification = setup.dataset().classes() > 0;
        double lossSum = 0;
        long correct = 0;
        int batches = RunContext.batchesPerEpoch(train.size(), batchSize);
        for (int batch = 0; batch < batches; batch++) {
            int from = batch * batchSize;
            int count = Math.min(batchSize, train.size() - from);
            INDArray x = features.get(TYPE, count, sampleShape);
            INDArray y = targets.get(TYPE, count, targetShape);
            train.fill(order, from, count, x, y);
            setup.optimizer().zeroGradients();
            INDArray output = model.forward(x, true);
            INDArray gradient = lossGradients.like(output);
            double loss = setup.loss().compute(output, y, gradient);
            if (classification) {
                correct += Accuracy.correct(output, y);
            }
            model.backward(gradient);
            chain.beforeOptimizerStep(run, model.parameters());
            setup.optimizer().step();
            lossSum += loss * count;
            chain.batchEnd(run, epoch, batch, loss);
            if (run.stopRequested() || run.interrupted()) {
                break;
            }
        }
        return new double[] {lossSum, correct};
    }

    /** What sees each test batch's outputs and targets (the callbacks' {@code onEvaluationBatch}). */
    interface BatchObserver {
        void observe(INDArray outputs, INDArray targets);
    }

    /** Average test loss and accuracy of the model as it is, in evaluation mode. */
    public Evaluation evaluate(TrainingSetup setup, int evalBatchSize) {
        return evaluate(setup, evalBatchSize, (outputs, targets) -> { });
    }

    private Evaluation evaluate(TrainingSetup setup, int evalBatchSize, BatchObserver observer) {
        DataSplit test = setup.dataset().test();
        int[] order = identity(test.size());
        long[] sampleShape = setup.dataset().sampleShape();
        long[] targetShape = setup.dataset().targetShape();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < test.size(); from += evalBatchSize) {
            int count = Math.min(evalBatchSize, test.size() - from);
            INDArray x = features.get(TYPE, count, sampleShape);
            INDArray y = targets.get(TYPE, count, targetShape);
            test.fill(order, from, count, x, y);
            INDArray output = setup.model().forward(x, false);
            lossSum += setup.loss().compute(output, y, lossGradients.like(output)) * count;
            if (setup.dataset().classes() > 0) {
                correct += Accuracy.correct(output, y);
            }
            observer.observe(output, y);
        }
        return new Evaluation(lossSum / test.size(), accuracy(setup, correct, test.size()), test.size());
    }

    private static double accuracy(TrainingSetup setup, double correct, int samples) {
        return setup.dataset().classes() > 0 ? correct / samples : Double.NaN;
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates, so the permutation depends on the seed alone. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
