package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.ShownRun;
import io.trainyard.engine.testing.TrainingProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real training process, interrupted the way Ctrl-C or {@code kill} would. */
class InterruptedRunTest {

    @TempDir
    Path directory;

    @Test
    void terminatedRunEndsKilledWithEveryFinishedEpochRecorded() throws Exception {
        Path store = directory.resolve("store");
        TrainingProcess training = TrainingProcess.start(directory.resolve("output.txt"), Map.of(), "run",
                Experiments.blobsFile().toString(), "--store", store.toString(), "--set", "epochs=10000",
                "--set", "callbacks=[{name: slow-down, millis: 5}]");
        try {
            TrainingProcess.awaitEpochs(store, 2, Duration.ofSeconds(60));
        } finally {
            training.process().destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C.
            assertTrue(training.process().waitFor(60, TimeUnit.SECONDS), "the run did not stop");
        }
        assertEquals(143, training.process().exitValue(), "128 + SIGTERM, as shells report it");
        Path runDirectory = TrainingProcess.firstRunDirectory(store);
        String runId = runDirectory.getFileName().toString();
        List<String> csv = Files.readAllLines(runDirectory.resolve("epochs.csv"));

        JsonObject shown = ShownRun.of(new Cli(store, directory.resolve("cache")), runId);
        assertEquals("KILLED", shown.get("status").getAsString(), shown + "\nrun output:\n" + training.output());
        int recordedEpochs = shown.getAsJsonArray("epochs").size();
        assertEquals(csv.size() - 1, recordedEpochs, shown.toString());
        assertTrue(recordedEpochs >= 2, shown.toString());
    }

    @Test
    void aRunKilledWithoutWarningIsRecordedCrashedWithItsFinishedEpochs() throws Exception {
        Path store = directory.resolve("store");
        // A one-second heartbeat: the next process to open the store sees the run dead after three seconds.
        TrainingProcess training = TrainingProcess.start(directory.resolve("output.txt"),
                Map.of("TRAINYARD_HEARTBEAT_SECONDS", "1"), "run", Experiments.blobsFile().toString(),
                "--store", store.toString(), "--set", "epochs=10000", "--set", "callbacks=[{name: slow-down, millis: 5}]");
        try {
            TrainingProcess.awaitEpochs(store, 2, Duration.ofSeconds(60));
        } finally {
            training.process().destroyForcibly(); // SIGKILL: no shutdown hook runs.
            assertTrue(training.process().waitFor(60, TimeUnit.SECONDS), "the run did not stop");
        }
        Path runDirectory = TrainingProcess.firstRunDirectory(store);
        String runId = runDirectory.getFileName().toString();
        List<String> csv = Files.readAllLines(runDirectory.resolve("epochs.csv"));

        Thread.sleep(3_500);
        JsonObject shown = ShownRun.of(new Cli(store, directory.resolve("cache")), runId);
        assertEquals("CRASHED", shown.get("status").getAsString(), shown + "\nrun output:\n" + training.output());
        assertTrue(shown.get("error").getAsString().contains("no heartbeat since"), shown.toString());
        int recordedEpochs = shown.getAsJsonArray("epochs").size();
        // A kill -9 loses at most the epoch in progress: every epoch in the CSV file is in the database.
        assertTrue(recordedEpochs >= 2 && recordedEpochs >= csv.size() - 1, shown.toString());
        // and every checkpoint the database names is on disk, whole: a commit is on disk before it returns, so a
        // checkpoint's predecessor is never deleted while the database may still name it.
        for (var element : shown.getAsJsonArray("checkpoints")) {
            JsonObject checkpoint = element.getAsJsonObject();
            Path file = Path.of(checkpoint.get("path").getAsString());
            assertTrue(Files.exists(file), "recorded checkpoint missing: " + checkpoint);
            assertEquals(checkpoint.get("sha256").getAsString(),
                    io.trainyard.engine.tracking.Sha256.of(Files.readAllBytes(file)));
        }
    }
}
