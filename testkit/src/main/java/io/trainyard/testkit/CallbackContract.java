package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** The callback contract; see {@link PluginContract#checkCallback}. */
final class CallbackContract {

    private static final int EPOCHS = 3;
    private static final int BATCHES = 4;

    private CallbackContract() {
    }

    static void check(CallbackFactory factory) {
        PluginContract.checkPlugin(factory);
        String name = factory.name();
        PluginConfig config = PluginConfig.withDefaults(factory, Map.of());
        Path directory;
        try {
            directory = Files.createTempDirectory("trainyard-callback-contract");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        TestRun finished = run(directory);
        assertDoesNotThrow(() -> train(factory.create(config), finished), name + " failed during a normal run");
        if (finished.stopReason() != null) {
            assertFalse(finished.stopReason().isBlank(), name + ": requestStop() needs a reason for the user");
        }

        TestRun failed = run(directory);
        assertDoesNotThrow(() -> {
            Callback callback = factory.create(config);
            callback.onRunStart(failed);
            callback.onEpochStart(failed, 1);
            callback.onBatchEnd(failed, 1, 0, 2.3);
            callback.onFailure(failed, new IllegalStateException("simulated failure"));
            callback.onRunEnd(failed, RunStatus.FAILED);
        }, name + " failed while a run was failing: onFailure and onRunEnd must not throw");

        TestRun killed = run(directory);
        assertDoesNotThrow(() -> {
            Callback callback = factory.create(config);
            callback.onRunStart(killed);
            callback.onRunEnd(killed, RunStatus.KILLED);
        }, name + " failed on a run killed before its first epoch");
    }

    /** A run with an optimizer over four parameters, so that learning-rate schedules have something to change. */
    private static TestRun run(Path directory) {
        Parameters parameters = new Parameters(DataType.DOUBLE, 4);
        return new TestRun(EPOCHS, 10, 10 * BATCHES, Map.of()).withRunDirectory(directory)
                .withOptimizer(new FixedStepOptimizer(parameters));
    }

    /** The documented hook order, with a loss that falls and an accuracy that rises, honouring stop requests. */
    private static void train(Callback callback, TestRun run) {
        Parameters gradients = new Parameters(DataType.DOUBLE, 6);
        callback.onRunStart(run);
        for (int epoch = 1; epoch <= EPOCHS && run.stopReason() == null; epoch++) {
            run.startEpoch();
            callback.onEpochStart(run, epoch);
            for (int batch = 0; batch < BATCHES; batch++) {
                gradients.gradients().assign(0.5 * batch);
                callback.onBeforeOptimizerStep(run, gradients);
                callback.onBatchEnd(run, epoch, batch, 2.0 / (epoch * BATCHES + batch));
                if (run.stopReason() != null) {
                    break;
                }
            }
            if (run.stopReason() == null) {
                double loss = 1.0 / epoch;
                double accuracy = 1 - 0.5 / epoch;
                callback.onEvaluationEnd(run, epoch, new Evaluation(loss, accuracy, 100));
                callback.onEpochEnd(run, new EpochResult(epoch, loss, accuracy, loss * 1.1, accuracy * 0.95, 1.0));
            }
        }
        callback.onRunEnd(run, RunStatus.FINISHED);
    }

    /** Plain gradient descent with a settable learning rate, enough for schedules to act on. */
    private static final class FixedStepOptimizer implements Optimizer {

        private final Parameters parameters;
        private double learningRate = 0.1;

        FixedStepOptimizer(Parameters parameters) {
            this.parameters = parameters;
        }

        @Override
        public void zeroGradients() {
            parameters.zeroGradients();
        }

        @Override
        public void step() {
            parameters.values().subi(parameters.gradients().mul(learningRate));
        }

        @Override
        public double learningRate() {
            return learningRate;
        }

        @Override
        public void setLearningRate(double learningRate) {
            this.learningRate = learningRate;
        }
    }
}
