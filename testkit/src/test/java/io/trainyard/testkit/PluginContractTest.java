package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.model.Sequential;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.opentest4j.AssertionFailedError;

/** The kit's checks pass correct plugins and catch each kind of broken one with a message that names the rule. */
class PluginContractTest {

    /** The ways the test doubles below can be broken. */
    private enum Flaw { NONE, WRONG_GRADIENT, OVERWRITES_GRADIENT, ALLOCATES, KEEPS_ONE_BATCH_SIZE, CHANGES_GRADIENTS,
        THROWS, FORGETS_STATE }

    @Test
    void aCorrectLayerPassesAndBrokenOnesFailNamingTheRule() {
        PluginContract.checkLayer(new ScaleFactory(Flaw.NONE), 2, 3);
        assertFails("scale input gradient[0]: analytic", () -> PluginContract.checkLayer(
                new ScaleFactory(Flaw.WRONG_GRADIENT), 2, 3));
        assertFails("scale: backward() must add into the parameter gradients", () -> PluginContract.checkLayer(
                new ScaleFactory(Flaw.OVERWRITES_GRADIENT), 2, 3));
        assertFails("scale: forward() and backward() allocated", () -> PluginContract.checkLayer(
                new ScaleFactory(Flaw.ALLOCATES), 2, 3));
        // Fine batch after batch of one size; the trainer alternates three every epoch.
        assertFails("scale: forward() and backward() allocated", () -> PluginContract.checkLayer(
                new ScaleFactory(Flaw.KEEPS_ONE_BATCH_SIZE), 2, 3));
    }

    @Test
    void aCorrectModelPassesAndAWrongGradientFails() {
        PluginContract.checkModel(new ScaledModelFactory(Flaw.NONE), 3);
        assertFails("scaled: the parameter gradient disagrees with finite differences", () ->
                PluginContract.checkModel(new ScaledModelFactory(Flaw.WRONG_GRADIENT), 3));
    }

    @Test
    void aCorrectOptimizerPassesAndBrokenOnesFail() {
        PluginContract.checkOptimizer(new DescentFactory(Flaw.NONE));
        assertFails("descent: step() must leave the gradients as they were", () ->
                PluginContract.checkOptimizer(new DescentFactory(Flaw.CHANGES_GRADIENTS)));
        assertFails("descent: 100 steps with default settings on 0.5 |p - t|^2 went from", () ->
                PluginContract.checkOptimizer(new DescentFactory(Flaw.WRONG_GRADIENT)));
        assertFails("descent: a fresh optimizer loaded with saveState() must step exactly", () ->
                PluginContract.checkOptimizer(new DescentFactory(Flaw.FORGETS_STATE)));
    }

    @Test
    void aCallbackThatAssumesAnEpochRanIsCaught() {
        PluginContract.checkCallback(new LastEpochFactory(Flaw.NONE));
        assertFails("last-epoch failed while a run was failing: onFailure and onRunEnd must not throw", () ->
                PluginContract.checkCallback(new LastEpochFactory(Flaw.THROWS)));
    }

    @Test
    void callbackChecksRemoveTheRunFoldersTheyMadeWhetherThePluginPassesOrFails() {
        List<Path> passing = new ArrayList<>();
        PluginContract.checkCallback(new FileWriterFactory(Flaw.NONE, passing));
        List<Path> failing = new ArrayList<>();
        assertFails("file-writer failed while a run was failing: onFailure and onRunEnd must not throw", () ->
                PluginContract.checkCallback(new FileWriterFactory(Flaw.THROWS, failing)));
        for (List<Path> folders : List.of(passing, failing)) {
            assertFalse(folders.isEmpty());
            assertEquals(List.of(), folders.stream().filter(Files::exists).toList());
        }
    }

    @Test
    void aCallbackThatForgetsWhatItCountedWhenResumedIsCaught() {
        PluginContract.checkCallback(new StopAfterFactory(Flaw.NONE));
        assertFails("stop-after: a run resumed after epoch 3 acts otherwise than an uninterrupted one; save what the"
                + " callback acts on in saveState and read it in loadState", () ->
                PluginContract.checkCallback(new StopAfterFactory(Flaw.FORGETS_STATE)));
    }

    @Test
    void pluginRulesNameTheOffendingDeclaration() {
        ScaleFactory badDefault = new ScaleFactory(Flaw.NONE) {
            @Override
            public List<HyperParameter> hyperParameters() {
                return List.of(HyperParameter.decimal("gain", -1, Range.atLeast(0), "a gain"));
            }
        };
        assertFails("default -1.0 of 'gain' lies outside its range", () -> PluginContract.checkPlugin(badDefault));
    }

    @Test
    void testRunRemembersTheFirstStopRequestAndTheConsole() {
        TestRun run = new TestRun(3, 10, 95, java.util.Map.of("optimizer.lr", 0.1));
        assertEquals(10, run.batchesPerEpoch());
        run.requestStop("target reached");
        run.requestStop("later");
        run.console().print("hello");
        assertEquals("target reached", run.stopReason());
        assertEquals("hello", run.consoleText());
        run.logMetric("learning_rate", 0.1);
        run.logMetric("learning_rate", 0.05);
        assertEquals(java.util.Map.of("learning_rate", 0.05), run.epochMetrics());
        run.startEpoch();
        assertEquals(java.util.Map.of(), run.epochMetrics());
        assertThrows(IllegalArgumentException.class, () -> run.logMetric("test_loss", 1));
        assertThrows(IllegalArgumentException.class, () -> run.logMetric("Learning Rate", 1));
    }

    private static void assertFails(String messageStart, Runnable check) {
        AssertionFailedError error = assertThrows(AssertionFailedError.class, check::run);
        assertTrue(error.getMessage().startsWith(messageStart), error.getMessage());
    }

    /** y = w x elementwise, one parameter w. */
    private static final class Scale implements Layer {

        private final Flaw flaw;
        private final BatchBuffers outputs = new BatchBuffers();
        private final BatchBuffers inputGradients = new BatchBuffers();
        private INDArray weight;
        private INDArray weightGradient;
        private INDArray input;
        private INDArray lastInput;
        private INDArray lastOutput;

        Scale(Flaw flaw) {
            this.flaw = flaw;
        }

        @Override
        public String describe() {
            return "Scale";
        }

        @Override
        public long[] outputShape(long[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public long parameterCount() {
            return 1;
        }

        @Override
        public void bind(INDArray values, INDArray gradients) {
            weight = values;
            weightGradient = gradients;
        }

        @Override
        public void initialize(Random random) {
            weight.putScalar(0, 0.5 + random.nextDouble());
        }

        @Override
        public INDArray forward(INDArray input, boolean training) {
            this.input = input;
            INDArray output = flaw == Flaw.ALLOCATES ? input.ulike()
                    : flaw == Flaw.KEEPS_ONE_BATCH_SIZE ? lastOutput(input) : outputs.like(input);
            double w = weight.getDouble(0);
            for (long i = 0; i < input.length(); i++) {
                output.putScalar(i, w * input.getDouble(i));
            }
            return output;
        }

        /** An output buffer for the last input only, as a layer that met one batch size in its own tests might keep. */
        private INDArray lastOutput(INDArray input) {
            if (input != lastInput) {
                lastInput = input;
                lastOutput = input.ulike();
            }
            return lastOutput;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean inputGradient) {
            double sum = flaw == Flaw.OVERWRITES_GRADIENT ? 0 : weightGradient.getDouble(0);
            INDArray gradInput = inputGradients.like(input);
            double w = flaw == Flaw.WRONG_GRADIENT ? 1 : weight.getDouble(0);
            for (long i = 0; i < input.length(); i++) {
                sum += gradOutput.getDouble(i) * input.getDouble(i);
                gradInput.putScalar(i, w * gradOutput.getDouble(i));
            }
            weightGradient.putScalar(0, sum);
            return inputGradient ? gradInput : null;
        }
    }

    private static class ScaleFactory implements LayerFactory {

        private final Flaw flaw;

        ScaleFactory(Flaw flaw) {
            this.flaw = flaw;
        }

        @Override
        public String name() {
            return "scale";
        }

        @Override
        public String description() {
            return "multiplies by a learned scalar";
        }

        @Override
        public List<HyperParameter> hyperParameters() {
            return List.of();
        }

        @Override
        public Layer create(PluginConfig config, LayerContext context) {
            return new Scale(flaw);
        }
    }

    private record ScaledModelFactory(Flaw flaw) implements ModelFactory {

        @Override
        public String name() {
            return "scaled";
        }

        @Override
        public String description() {
            return "two scale layers";
        }

        @Override
        public List<HyperParameter> hyperParameters() {
            return List.of();
        }

        @Override
        public Model create(PluginConfig config, ModelContext context) {
            return new Sequential(List.of(new Scale(Flaw.NONE), new Scale(flaw)), context);
        }
    }

    /** p -= lr g, by host loops so that nothing is allocated. */
    private record DescentFactory(Flaw flaw) implements OptimizerFactory {

        @Override
        public String name() {
            return "descent";
        }

        @Override
        public String description() {
            return "plain gradient descent";
        }

        @Override
        public List<HyperParameter> hyperParameters() {
            return List.of(HyperParameter.decimal("lr", 0.1, Range.greaterThan(0), "step size"));
        }

        @Override
        public Optimizer create(PluginConfig config, Parameters parameters) {
            return new Optimizer() {
                private double lr = config.getDouble("lr");
                /** Heavy-ball momentum, for the flaw that keeps state without saving it. */
                private final double[] velocity = new double[(int) parameters.count()];

                @Override
                public void zeroGradients() {
                    parameters.zeroGradients();
                }

                @Override
                public void step() {
                    INDArray values = parameters.values();
                    INDArray gradients = parameters.gradients();
                    double sign = flaw == Flaw.WRONG_GRADIENT ? -1 : 1;
                    for (int i = 0; i < values.length(); i++) {
                        double direction = gradients.getDouble(i);
                        if (flaw == Flaw.FORGETS_STATE) {
                            velocity[i] = 0.5 * velocity[i] + direction;
                            direction = velocity[i];
                        }
                        values.putScalar(i, values.getDouble(i) - sign * lr * direction);
                        if (flaw == Flaw.CHANGES_GRADIENTS) {
                            gradients.putScalar(i, 0);
                        }
                    }
                }

                @Override
                public double learningRate() {
                    return lr;
                }

                @Override
                public void setLearningRate(double learningRate) {
                    lr = learningRate;
                }
            };
        }
    }

    /** Prints the last epoch's accuracy at the end; the flawed one assumes an epoch has run. */
    private record LastEpochFactory(Flaw flaw) implements PlainCallbackFactory {

        @Override
        public String name() {
            return "last-epoch";
        }

        @Override
        public Callback create(PluginConfig config) {
            return new Callback() {
                private EpochResult last;

                @Override
                public void onEpochEnd(RunContext run, EpochResult result) {
                    last = result;
                }

                @Override
                public void onRunEnd(RunContext run, RunStatus status) {
                    if (last == null && flaw == Flaw.NONE) {
                        return;
                    }
                    run.console().println("last epoch " + last.epoch());
                }
            };
        }
    }

    /** A callback factory without hyperparameters, described by its name. */
    private interface PlainCallbackFactory extends CallbackFactory {

        @Override
        default String description() {
            return "test callback " + name();
        }

        @Override
        default List<HyperParameter> hyperParameters() {
            return List.of();
        }
    }

    /** Writes a file into each run's folder and names the folder in {@code seen}; the flawed one fails on failure. */
    private record FileWriterFactory(Flaw flaw, List<Path> seen) implements PlainCallbackFactory {

        @Override
        public String name() {
            return "file-writer";
        }

        @Override
        public Callback create(PluginConfig config) {
            return new Callback() {
                @Override
                public void onRunStart(RunContext run) {
                    seen.add(run.runDirectory());
                    try {
                        Files.writeString(run.runDirectory().resolve("started.txt"), "started");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void onFailure(RunContext run, Throwable cause) {
                    if (flaw == Flaw.THROWS) {
                        throw new IllegalStateException("flawed");
                    }
                }
            };
        }
    }

    /** Stops the run after its fifth epoch; the flawed one does not save its count with the checkpoints. */
    private record StopAfterFactory(Flaw flaw) implements PlainCallbackFactory {

        @Override
        public String name() {
            return "stop-after";
        }

        @Override
        public Callback create(PluginConfig config) {
            return new Callback() {
                private int epochs;

                @Override
                public void onEpochEnd(RunContext run, EpochResult result) {
                    if (++epochs == 5) {
                        run.requestStop("five epochs");
                    }
                }

                @Override
                public void saveState(DataOutput out) throws IOException {
                    out.writeInt(flaw == Flaw.NONE ? epochs : 0);
                }

                @Override
                public void loadState(DataInput in) throws IOException {
                    epochs = in.readInt();
                }
            };
        }
    }
}
