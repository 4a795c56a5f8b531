package io.trainyard.plugins.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.model.Parameters;
import io.trainyard.plugins.optim.SgdFactory;
import io.trainyard.testkit.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Early stopping, schedules, clipping, the divergence guard and the CSV logger against hand-computed sequences. */
class TrainingCallbacksTest {

    @TempDir
    Path directory;

    @Test
    void earlyStoppingCountsEpochsWithoutAnImprovementOfMoreThanMinDelta() {
        Callback callback = create(new EarlyStoppingFactory(), Map.of("patience", 2L, "min_delta", 0.02));
        TestRun run = run();
        double[] losses = {1.0, 0.8, 0.81, 0.79, 0.5};
        int epoch = 0;
        while (run.stopReason() == null) {
            epoch++;
            callback.onEpochEnd(run, result(epoch, losses[epoch - 1], 0.5));
        }
        // 0.81 and 0.79 are not better than 0.8 by more than 0.02: stopped after epoch 4.
        assertEquals(4, epoch);
        assertEquals("early stopping: test_loss did not improve by more than 0.02 for 2 epoch(s); best 0.800000 at"
                + " epoch 2", run.stopReason());
    }

    @Test
    void earlyStoppingOnAccuracyWantsItHigherAndRejectsUnknownMetrics() {
        Callback callback = create(new EarlyStoppingFactory(), Map.of("monitor", "test_accuracy", "patience", 1L));
        TestRun run = run();
        callback.onEpochEnd(run, result(1, 0.5, 0.80));
        callback.onEpochEnd(run, result(2, 0.4, 0.85));
        assertNull(run.stopReason());
        callback.onEpochEnd(run, result(3, 0.3, 0.84));
        assertEquals(true, run.stopReason().contains("best 0.850000 at epoch 2"), run.stopReason());
        Callback typo = create(new EarlyStoppingFactory(), Map.of("monitor", "test_los"));
        assertThrows(TrainyardException.class, () -> typo.onEpochEnd(run(), result(1, 0.5, 0.5)));
        assertThrows(TrainyardException.class, () -> new EarlyStoppingFactory().validate(
                PluginConfig.withDefaults(new EarlyStoppingFactory(), Map.of("mode", "down"))));
    }

    @Test
    void schedulesFollowPyTorchsFormulasAndLogTheRate() {
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025},
                rates(new StepLrFactory(), Map.of("step_size", 2L, "gamma", 0.5), 5), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.01, 0.01, 0.001},
                rates(new MultiStepLrFactory(), Map.of("milestones", List.of(1L, 3L)), 4), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.05, 0.025},
                rates(new ExponentialLrFactory(), Map.of("gamma", 0.5), 3), 1e-15);
        // 0.1 (1 + cos(pi e / 4)) / 2 for e = 0..4
        assertArrayEquals(new double[] {0.1, 0.08535533905932738, 0.05, 0.014644660940672627, 0},
                rates(new CosineAnnealingLrFactory(), Map.of("t_max", 4L), 5), 1e-15);
    }

    @Test
    void reduceOnPlateauWaitsPatienceEpochsThenCoolsDown() {
        // PyTorch's rules with patience 1, factor 0.5, cooldown 1, threshold 0: the 3rd, 6th and 9th epochs reduce.
        Callback callback = create(new ReduceLrOnPlateauFactory(), Map.of("patience", 1L, "factor", 0.5,
                "cooldown", 1L, "threshold", 0.0));
        TestRun run = run();
        callback.onRunStart(run);
        double[] losses = {1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        List<Double> rates = new ArrayList<>();
        for (int epoch = 1; epoch <= losses.length; epoch++) {
            run.startEpoch();
            callback.onEpochStart(run, epoch);
            rates.add(run.epochMetrics().get("lr"));
            callback.onEpochEnd(run, result(epoch, losses[epoch - 1], 0.5));
        }
        assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125), rates);
    }

    @Test
    void gradientClippingScalesTheWholeGradientToMaxNorm() {
        Parameters parameters = new Parameters(DataType.FLOAT, 3);
        Callback clip = create(new GradClipFactory(), Map.of("max_norm", 1.0));
        parameters.gradients().assign(Nd4j.createFromArray(new float[][] {{3, 0, -4}}));
        clip.onBeforeOptimizerStep(run(), parameters);
        double scale = 1 / (5 + 1e-6);
        assertArrayEquals(new float[] {(float) (3 * scale), 0, (float) (-4 * scale)},
                parameters.gradients().toFloatVector(), 1e-7f);
        // Within the limit: untouched.
        parameters.gradients().assign(Nd4j.createFromArray(new float[][] {{0.3f, 0, -0.4f}}));
        clip.onBeforeOptimizerStep(run(), parameters);
        assertArrayEquals(new float[] {0.3f, 0, -0.4f}, parameters.gradients().toFloatVector());
        // The maximum norm: the largest magnitude, 4, brought to 2.
        Parameters doubles = new Parameters(DataType.DOUBLE, 2);
        doubles.gradients().assign(Nd4j.createFromArray(new double[][] {{3, -4}}));
        create(new GradClipFactory(), Map.of("max_norm", 2.0, "norm_type", 1e9)).onBeforeOptimizerStep(run(),
                doubles);
        assertArrayEquals(new double[] {3 * 2 / (4 + 1e-6), -4 * 2 / (4 + 1e-6)}, doubles.gradients()
                .toDoubleVector(), 1e-12);
    }

    @Test
    void divergenceGuardFailsTheRunAtTheBatchWithAnInfiniteLoss() {
        Callback guard = create(new DivergenceGuardFactory(), Map.of());
        TestRun run = run();
        guard.onBatchEnd(run, 1, 0, 2.3);
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> guard.onBatchEnd(run, 2, 7, Double.NaN));
        assertEquals("diverged: the training loss is NaN at epoch 2, batch 7; lower the learning rate or check the"
                + " data", error.getMessage());
        assertEquals("diverged", run.stopReason());
        Callback capped = create(new DivergenceGuardFactory(), Map.of("max_loss", 10.0));
        assertThrows(TrainyardException.class, () -> capped.onBatchEnd(run(), 1, 3, 11));
    }

    @Test
    void csvLoggerWritesAnEpochALineWithTheLoggedMetrics() throws Exception {
        Callback logger = create(new CsvLoggerFactory(), Map.of());
        TestRun run = run();
        for (int epoch = 1; epoch <= 2; epoch++) {
            run.startEpoch();
            run.logMetric("lr", 0.1 / epoch);
            logger.onEpochEnd(run, new EpochResult(epoch, 0.5, 0.8, 0.6, 0.75, 2.5));
        }
        logger.onRunEnd(run, io.trainyard.api.callback.RunStatus.FINISHED);
        assertEquals(List.of("epoch,train_loss,train_accuracy,test_loss,test_accuracy,epoch_seconds,lr",
                "1,0.5,0.8,0.6,0.75,2.5,0.1", "2,0.5,0.8,0.6,0.75,2.5,0.05"),
                Files.readAllLines(directory.resolve("log.csv")));
    }

    private double[] rates(CallbackFactory factory, Map<String, ?> settings, int epochs) {
        Callback schedule = create(factory, settings);
        TestRun run = run();
        schedule.onRunStart(run);
        double[] rates = new double[epochs];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            run.startEpoch();
            schedule.onEpochStart(run, epoch);
            rates[epoch - 1] = run.optimizer().learningRate();
            assertEquals(rates[epoch - 1], run.epochMetrics().get("lr"));
        }
        return rates;
    }

    private TestRun run() {
        SgdFactory sgd = new SgdFactory();
        Parameters parameters = new Parameters(DataType.DOUBLE, 2);
        double lr = 0.1;
        return new TestRun(10, 64, 640, Map.of()).withRunDirectory(directory)
                .withOptimizer(sgd.create(PluginConfig.withDefaults(sgd, Map.of("lr", lr)), parameters));
    }

    private static Callback create(CallbackFactory factory, Map<String, ?> settings) {
        PluginConfig config = PluginConfig.withDefaults(factory, settings);
        factory.validate(config);
        return factory.create(config);
    }

    private static EpochResult result(int epoch, double testLoss, double testAccuracy) {
        return new EpochResult(epoch, testLoss, testAccuracy, testLoss, testAccuracy, 1.0);
    }
}
