package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;

/** The callback contract; see {@link PluginContract#checkCallback}. */
final class CallbackContract {

    private static final int EPOCHS = 3;
    private static final int BATCHES = 4;
    private static final int RESUME_EPOCHS = 6;
    private static final int RESUME_AFTER = 3;
    private static final int CRASH_AFTER = 4;

    private CallbackContract() {
    }

    static void check(CallbackFactory factory) {
        PluginContract.checkPlugin(factory);
        PluginConfig config = PluginConfig.withDefaults(factory, Map.of());
        Path scratch = temporaryDirectory();
        try {
            check(factory, config, scratch);
        } finally {
            deleteTree(scratch);
        }
    }

    /** The runs' folders are made under {@code scratch}, which the caller removes whatever happens. */
    private static void check(CallbackFactory factory, PluginConfig config, Path scratch) {
        String name = factory.name();
        Path directory = folder(scratch, "finished");

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
        checkResume(factory, config, scratch);
    }

    /**
     * A run that crashes after epoch {@link #CRASH_AFTER} and resumes from the checkpoint of epoch
     * {@link #RESUME_AFTER} (the optimizer's learning rate and the callback's saved state restored) must show what
     * an uninterrupted run shows: the same learning rate and logged metrics every epoch, the same stop, the same
     * files in the run's folder.
     */
    private static void checkResume(CallbackFactory factory, PluginConfig config, Path scratch) {
        String name = factory.name();
        Path through = folder(scratch, "uninterrupted");
        List<String> expected = new ArrayList<>();
        TestRun uninterrupted = run(through);
        Callback callback = factory.create(config);
        callback.onRunStart(uninterrupted);
        epochs(callback, uninterrupted, 1, RESUME_EPOCHS, expected);
        callback.onRunEnd(uninterrupted, RunStatus.FINISHED);
        if (expected.size() <= CRASH_AFTER) {
            return; // it stopped the run before the crash: nothing to resume
        }

        Path crashed = folder(scratch, "resumed");
        List<String> observed = new ArrayList<>();
        TestRun first = run(crashed);
        Callback before = factory.create(config);
        before.onRunStart(first);
        epochs(before, first, 1, RESUME_AFTER, observed);
        byte[] state = assertDoesNotThrow(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            before.saveState(new DataOutputStream(bytes));
            return bytes.toByteArray();
        }, name + ": saveState failed");
        double learningRate = first.optimizer().learningRate();
        epochs(before, first, RESUME_AFTER + 1, CRASH_AFTER, new ArrayList<>()); // lost with the process

        TestRun second = run(crashed);
        second.optimizer().setLearningRate(learningRate);
        Callback after = factory.create(config);
        assertDoesNotThrow(() -> after.loadState(new DataInputStream(new ByteArrayInputStream(state))),
                name + ": loadState cannot read what saveState wrote");
        after.onRunStart(second);
        epochs(after, second, RESUME_AFTER + 1, RESUME_EPOCHS, observed);
        after.onRunEnd(second, RunStatus.FINISHED);
        assertEquals(expected, observed, name + ": a run resumed after epoch " + RESUME_AFTER + " acts otherwise than"
                + " an uninterrupted one; save what the callback acts on in saveState and read it in loadState");
        assertEquals(files(through), files(crashed), name + ": a run resumed after epoch " + RESUME_AFTER
                + " leaves other files than an uninterrupted one");
    }

    /**
     * Epochs {@code from..to} in the documented hook order, with metrics that improve for two epochs and then
     * stall (so that patience runs out); each epoch's learning rate, logged metrics and stop go to {@code trace}.
     */
    private static void epochs(Callback callback, TestRun run, int from, int to, List<String> trace) {
        for (int epoch = from; epoch <= to && run.stopReason() == null; epoch++) {
            run.startEpoch();
            callback.onEpochStart(run, epoch);
            double learningRate = run.optimizer().learningRate();
            for (int batch = 0; batch < BATCHES; batch++) {
                callback.onBatchEnd(run, epoch, batch, 1.0);
            }
            double loss = epoch <= 2 ? 1.0 / epoch : 0.5;
            double accuracy = epoch <= 2 ? 1 - 0.5 / epoch : 0.75;
            callback.onEvaluationEnd(run, epoch, new Evaluation(loss, accuracy, 100));
            callback.onEpochEnd(run, new EpochResult(epoch, loss, accuracy, loss, accuracy, 1.0));
            trace.add("epoch " + epoch + ": lr " + learningRate + ", logged " + new TreeMap<>(run.epochMetrics())
                    + ", stop " + run.stopReason());
        }
    }

    private static Map<String, String> files(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            Map<String, String> files = new TreeMap<>();
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString(), Files.readString(file));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("trainyard-callback-contract");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(Path scratch, String name) {
        try {
            return Files.createDirectory(scratch.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Left in the temporary directory, rather than hide the failure the contract may be reporting.
        }
    }

    /**
     * A run with an optimizer over four parameters, so that learning-rate schedules have something to change, and
     * those parameters to read.
     */
    private static TestRun run(Path directory) {
        Parameters parameters = new Parameters(DataType.DOUBLE, 4);
        return new TestRun(EPOCHS, 10, 10 * BATCHES, Map.of()).withRunDirectory(directory)
                .withOptimizer(new FixedStepOptimizer(parameters)).withParameters(parameters);
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
