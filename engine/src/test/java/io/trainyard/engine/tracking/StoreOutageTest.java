package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.PostgresServer;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.testing.TrainingProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training process whose PostgreSQL server goes away: it trains on, and records or stops as the limit says. */
class StoreOutageTest {

    private static PostgresServer server;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        server = PostgresServer.startPrivate();
    }

    @AfterAll
    static void stop() throws Exception {
        server.halt();
    }

    @Test
    void aServerRestartMidRunLosesNothingAndTrainingNeverWaits() throws Exception {
        StoreBackend.Store store = store();
        TrainingProcess training = train(store, Map.of(), "epochs=10");
        Path run = awaitEpochs(training, 2);
        server.halt();
        try {
            long before = csvEpochs(run);
            Thread.sleep(6_000);
            assertTrue(csvEpochs(run) > before, "epochs went on while the server was down: " + training.output());
        } finally {
            server.restart();
        }
        assertTrue(training.process().waitFor(120, TimeUnit.SECONDS), training.output());
        assertEquals(0, training.process().exitValue(), training.output());
        Cli.Result shown = new Cli(store, directory.resolve("cache")).run("show", run.getFileName().toString());
        assertTrue(shown.out().contains("Status      FINISHED"), shown.out());
        List<String> epochs = shown.out().lines().dropWhile(line -> !line.startsWith("EPOCH")).skip(1)
                .filter(line -> line.matches("\\s*\\d+\\s.*")).toList();
        assertEquals(10, epochs.size(), "every epoch in the store: " + shown.out());
        assertEquals(11, Files.readAllLines(run.resolve("epochs.csv")).size());
    }

    @Test
    void aServerGoneLongerThanTheLimitStopsTheRunFailedWithItsEpochsInItsFolder() throws Exception {
        StoreBackend.Store store = store();
        TrainingProcess training = train(store, Map.of("TRAINYARD_STORE_OUTAGE_SECONDS", "2"), "epochs=40");
        Path run = awaitEpochs(training, 2);
        server.halt();
        try {
            assertTrue(training.process().waitFor(90, TimeUnit.SECONDS), training.output());
            String output = training.output();
            assertTrue(training.process().exitValue() != 0, output);
            assertTrue(output.contains("the store has been out of reach for more than 2 s"
                    + " (TRAINYARD_STORE_OUTAGE_SECONDS)"), output);
            long kept = csvEpochs(run);
            assertTrue(kept >= 2 && kept < 40, "the finished epochs, and no more: " + kept);
        } finally {
            server.restart();
        }
        // Once the server is back and the run's heartbeat has lapsed, the next command records how it ended.
        Thread.sleep(3_500);
        Cli.Result shown = new Cli(store, directory.resolve("cache")).run("show", run.getFileName().toString(),
                "--format", "json");
        assertEquals(0, shown.exitCode(), shown.err());
        JsonObject recorded = JsonParser.parseString(shown.out()).getAsJsonObject();
        assertEquals("FAILED", recorded.get("status").getAsString());
        assertTrue(recorded.get("error").getAsString().startsWith("the store has been out of reach for more than 2 s"),
                recorded.toString());
    }

    private StoreBackend.Store store() {
        Map<String, String> environment = new HashMap<>(server.environment());
        environment.put("TRAINYARD_RUN_FILES", directory.resolve("files").toString());
        return new StoreBackend.Store(server.newDatabase(), Map.copyOf(environment));
    }

    private TrainingProcess train(StoreBackend.Store store, Map<String, String> extra, String epochs)
            throws Exception {
        Map<String, String> environment = new HashMap<>(store.environment(Map.of("TRAINYARD_HEARTBEAT_SECONDS", "1",
                "TRAINYARD_CACHE", directory.resolve("cache").toString())));
        environment.putAll(extra);
        return TrainingProcess.start(directory.resolve("output.txt"), environment, "run",
                Experiments.blobsFile().toString(), "--store", store.option(), "--set", epochs, "--set",
                "callbacks=[{name: slow-down, millis: 100}]");
    }

    private Path awaitEpochs(TrainingProcess training, int epochs) throws Exception {
        TrainingProcess.awaitEpochs(directory.resolve("files"), epochs, Duration.ofSeconds(90));
        return TrainingProcess.firstRunDirectory(directory.resolve("files"));
    }

    private static long csvEpochs(Path run) throws Exception {
        return Files.readAllLines(run.resolve("epochs.csv")).size() - 1L;
    }
}
