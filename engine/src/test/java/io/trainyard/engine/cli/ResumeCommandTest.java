package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.RecordedRuns;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.testing.TrainingProcess;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run killed with kill -9 and resumed ends exactly where the uninterrupted run does. */
class ResumeCommandTest {

    /** Momentum, dropout and a schedule: every kind of state a resume must restore. */
    private static final String[] SETTINGS = {"--set", "epochs=6", "--set",
        "model={name: mlp, hidden: [16], dropout: 0.2}", "--set", "optimizer={name: sgd, lr: 0.1, momentum: 0.9}",
        "--set", "callbacks=[{name: step-lr, step_size: 2, gamma: 0.5}, {name: csv-logger}, {name: slow-down,"
        + " millis: 40}]"};

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aKilledRunResumesFromItsLastCheckpointToTheUninterruptedResult(StoreBackend backend) throws Exception {
        Path store = directory.resolve("store");
        StoreBackend.Store killed = backend.newStore(store);
        List<String> arguments = new ArrayList<>(List.of("run", Experiments.blobsFile().toString(), "--store",
                killed.option()));
        arguments.addAll(List.of(SETTINGS));
        TrainingProcess training = TrainingProcess.start(directory.resolve("output.txt"),
                killed.environment(Map.of("TRAINYARD_HEARTBEAT_SECONDS", "1")), arguments.toArray(new String[0]));
        try {
            TrainingProcess.awaitEpochs(store, 2, Duration.ofSeconds(60));
        } finally {
            training.process().destroyForcibly();
            assertTrue(training.process().waitFor(60, TimeUnit.SECONDS));
        }
        String id = TrainingProcess.firstRunDirectory(store).getFileName().toString();
        Thread.sleep(3_500);

        Cli cli = new Cli(killed, directory.resolve("cache"));
        Cli.Result resumed = cli.run("resume", id);
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().lines().anyMatch(line -> line.startsWith("Resuming run " + id + " of blobs-mlp after"
                + " epoch ")), resumed.out());

        Cli reference = new Cli(directory.resolve("reference"), directory.resolve("cache"));
        List<String> uninterrupted = new ArrayList<>(List.of("run", Experiments.blobsFile().toString()));
        uninterrupted.addAll(List.of(SETTINGS));
        String referenceId = reference.run(uninterrupted.toArray(new String[0])).out().lines()
                .filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];

        RunDetails after = RecordedRuns.details(killed.location(), id);
        RunDetails expected = RecordedRuns.details(new StoreLocation(directory.resolve("reference")), referenceId);
        assertEquals("FINISHED", after.summary().status());
        assertEquals(RecordedRuns.epochMetrics(expected), RecordedRuns.epochMetrics(after),
                "every epoch as in the uninterrupted run");
        assertEquals(expected.stepCount(), after.stepCount());
        List<String> csv = Files.readAllLines(store.resolve("runs").resolve(id).resolve("epochs.csv"));
        assertEquals(7, csv.size(), csv.toString());
        assertEquals(withoutSeconds(directory.resolve("reference").resolve("runs").resolve(referenceId)
                .resolve("log.csv")), withoutSeconds(store.resolve("runs").resolve(id).resolve("log.csv")),
                "the csv-logger's file as the uninterrupted run's: no epoch lost or written twice");
    }

    @Test
    void aFinishedRunIsNotResumed() {
        Cli cli = new Cli(directory.resolve("store"), directory.resolve("cache"));
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1");
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        Cli.Result resume = cli.run("resume", id);
        assertEquals(2, resume.exitCode());
        assertEquals("error: cannot resume " + id + ": it FINISHED; 'trainyard rerun " + id + "' trains it again as a"
                + " new run\n", resume.err());
    }

    /** A CSV file's lines without the epoch_seconds column (the sixth), which measures time. */
    private static List<String> withoutSeconds(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(line -> line.replaceFirst("^((?:[^,]*,){5})[^,]*", "$1"))
                .toList();
    }
}
