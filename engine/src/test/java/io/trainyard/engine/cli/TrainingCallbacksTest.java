package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in training callbacks, configured from experiment files, on real runs. */
class TrainingCallbacksTest {

    @TempDir
    Path directory;

    private Cli cli() {
        return new Cli(directory.resolve("store"), directory.resolve("cache"));
    }

    @Test
    void aScheduleRecordsEveryEpochsRateAndEarlyStoppingEndsTheRunFinished() throws Exception {
        Cli cli = cli();
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=6", "--set",
                "callbacks=[{name: step-lr, step_size: 2, gamma: 0.5}, {name: csv-logger},"
                        + " {name: early-stopping, monitor: train_loss, min_delta: 10}]");
        assertEquals(0, run.exitCode(), run.err());
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        String show = cli.run("show", id).out();
        // min_delta 10 never counts as an improvement: patience 3 ends the run after epoch 4.
        assertTrue(show.contains("Status      FINISHED"), show);
        assertTrue(show.contains("Stopped     early stopping: train_loss did not improve by more than 10.0 for 3"
                + " epoch(s)"), show);
        assertTrue(show.contains("lr                   last 0.05 (epoch 4), min 0.05 (epoch 3), max 0.1 (epoch 1)"),
                show);
        List<String> log = Files.readAllLines(directory.resolve("store").resolve("runs").resolve(id)
                .resolve("log.csv"));
        assertEquals(5, log.size(), log.toString());
        assertTrue(log.get(0).endsWith(",lr") && log.get(4).endsWith(",0.05"), log.toString());
    }

    @Test
    void aDivergingRunEndsFailedAtTheBatchWithStopReasonDiverged() {
        Cli cli = cli();
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=3", "--set",
                "optimizer.lr=1000", "--set", "callbacks=[{name: divergence-guard, max_loss: 50}]");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("diverged: the training loss is "), run.err());
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        Cli.Result failed = cli.run("runs", "--filter", "status = 'FAILED'");
        assertTrue(failed.out().contains(id), failed.out());
        assertTrue(cli.run("show", id).out().contains("Stopped     diverged"));
    }

    @Test
    void gradientClippingChangesTrainingAndATinyLimitAlmostFreezesIt() {
        Cli cli = cli();
        double free = finalTrainLoss(cli, "callbacks=[]");
        double clipped = finalTrainLoss(cli, "callbacks=[{name: grad-clip, max_norm: 1e-6}]");
        double first = finalTrainLoss(cli, "callbacks=[{name: grad-clip, max_norm: 1e-6}]", "epochs=1");
        assertTrue(clipped < first + 1e-3 && clipped > free + 0.1, free + " " + clipped + " " + first);
    }

    /** The train loss of the last epoch of a blobs run (same seed each time). */
    private static double finalTrainLoss(Cli cli, String... overrides) {
        List<String> args = new java.util.ArrayList<>(List.of("run", Experiments.blobsFile().toString(), "--set",
                "epochs=3"));
        for (String override : overrides) {
            args.addAll(List.of("--set", override));
        }
        Cli.Result run = cli.run(args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.err());
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        com.google.gson.JsonArray epochs = io.trainyard.engine.testing.ShownRun.of(cli, id).getAsJsonArray("epochs");
        return epochs.get(epochs.size() - 1).getAsJsonObject().get("train_loss").getAsDouble();
    }

    /**
     * Metrics of the predictions, from the evaluation hook: recorded, summarised, filtered and exported as any metric,
     * with no column of their own. Top-1 accuracy is the test accuracy; the classes' accuracies average to it.
     */
    @Test
    void topKAndPerClassAccuracyAreRecordedFilteredAndExportedEveryEpoch() throws Exception {
        Cli cli = cli();
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2", "--set",
                "callbacks=[{name: top-k-accuracy, k: 1}, {name: per-class-accuracy}, {name: early-stopping,"
                        + " monitor: test_top1_accuracy, patience: 5}]");
        assertEquals(0, run.exitCode(), run.err());
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        com.google.gson.JsonArray epochs = io.trainyard.engine.testing.ShownRun.of(cli, id).getAsJsonArray("epochs");
        assertEquals(2, epochs.size());
        for (var element : epochs) {
            var epoch = element.getAsJsonObject();
            double accuracy = epoch.get("test_accuracy").getAsDouble();
            assertEquals(accuracy, epoch.get("test_top1_accuracy").getAsDouble(), "top-1 is the test accuracy");
            List<String> classes = epoch.keySet().stream().filter(key -> key.startsWith("test_accuracy_class_"))
                    .toList();
            assertTrue(classes.size() >= 2, epoch.toString());
            double mean = classes.stream().mapToDouble(key -> epoch.get(key).getAsDouble()).average().orElseThrow();
            assertTrue(Math.abs(mean - accuracy) < 0.1, "balanced classes: the mean of the classes is near the"
                    + " accuracy; " + epoch);
        }
        assertEquals(1, cli.run("runs", "--filter", "metrics.test_top1_accuracy >= 0 and"
                + " metrics.test_accuracy_class_0.max <= 1", "--format", "csv").out().lines().count() - 1);
        Path out = directory.resolve("export");
        assertEquals(0, cli.run("export", id, "--out", out.toString()).exitCode());
        String header = Files.readAllLines(out.resolve("runs.csv")).get(0);
        assertTrue(header.contains("test_top1_accuracy") && header.contains("test_accuracy_class_0"), header);
    }
}
