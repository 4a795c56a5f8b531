package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.TrainingProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes sharing one store. */
class ConcurrentRunsTest {

    @TempDir
    Path directory;

    @Test
    void processesOpeningANewStoreTogetherAllSucceed() throws Exception {
        Path store = directory.resolve("store");
        List<TrainingProcess> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(TrainingProcess.start(directory.resolve("runs-" + i + ".txt"), Map.of(), "runs",
                    "--store", store.toString()));
        }
        for (TrainingProcess process : processes) {
            assertTrue(process.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.process().exitValue(), process.output());
            assertTrue(process.output().contains("No runs yet."), process.output());
        }
    }

    @Test
    void runsSharingAStoreLoseNoRowsWhenTheProcessHoldingItLeaves() throws Exception {
        Path store = directory.resolve("store");
        TrainingProcess holder = start(store, 10_000);
        awaitFile(store.resolve("trainyard.server"));
        TrainingProcess five = start(store, 5);
        TrainingProcess eight = start(store, 8);
        awaitEpochs(store, 2);
        holder.process().destroy(); // SIGTERM: the holder records its run KILLED and stops serving the store.
        assertTrue(holder.process().waitFor(60, TimeUnit.SECONDS), holder.output());
        for (TrainingProcess training : List.of(five, eight)) {
            assertTrue(training.process().waitFor(120, TimeUnit.SECONDS), "a run did not finish");
            assertEquals(0, training.process().exitValue(), training.output());
        }

        try (Database database = new Database(new StoreLocation(store))) {
            RunQueries queries = new RunQueries(database);
            Map<Long, RunDetails> byPlannedEpochs = new HashMap<>();
            for (RunSummary run : queries.list()) {
                RunDetails details = queries.find(run.id());
                byPlannedEpochs.put((Long) details.params().get("epochs"), details);
            }
            assertEquals("KILLED", byPlannedEpochs.get(10_000L).summary().status());
            for (long planned : List.of(5L, 8L)) {
                RunDetails details = byPlannedEpochs.get(planned);
                assertEquals("FINISHED", details.summary().status(), details.summary().toString());
                assertEquals(planned, details.epochs().size());
                // blobs: 6 batches an epoch, every one logged.
                assertEquals(6 * planned, details.stepCount());
            }
        }
    }

    @Test
    void aUnitOfWorkWhoseServingProcessLeavesMidwayIsRepeatedOnceOnTheFileItTakesOver() throws Exception {
        Path store = directory.resolve("store");
        TrainingProcess holder = start(store, 10_000);
        awaitFile(store.resolve("trainyard.server"));
        try (Database database = new Database(new StoreLocation(store))) {
            int[] tries = {0};
            new Transactions(database).run(connection -> {
                tries[0]++;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO experiments (name, created_at) VALUES ('mid-way',"
                            + " CURRENT_TIMESTAMP)");
                    if (tries[0] == 1) {
                        terminate(holder); // it closes the store and stops serving it
                    }
                    statement.execute("SELECT COUNT(*) FROM runs");
                }
            });
            assertEquals(2, tries[0], "the unit met the holder leaving once");
            assertEquals(List.of(1L), new StoreReads(database).query(
                    "SELECT COUNT(*) FROM experiments WHERE name = 'mid-way'", statement -> { }, result -> {
                        result.next();
                        return List.of(result.getLong(1));
                    }), "the lost try was rolled back, the repeat committed");
        }
    }

    @Test
    void aProcessWhoseServingProcessLeavesJoinsAgainWhenTheOneItJoinsLeavesRightAfterItsProbe() throws Exception {
        Path store = directory.resolve("store");
        TrainingProcess holder = start(store, 10_000);
        Path portFile = store.resolve(StoreServer.PORT_FILE);
        awaitFile(portFile);
        try (LeavingServer server = new LeavingServer(Integer.parseInt(Files.readString(portFile).trim()))) {
            Files.writeString(portFile, Integer.toString(server.port()));
            try (Database database = new Database(new StoreLocation(store))) {
                // The server it uses leaves; the one it then joins answers its probe and leaves before it connects
                // (as in a sweep whose workers end one after another); the next one stays.
                server.plan(true, false, true);
                try (Connection connection = database.connect()) {
                    assertTrue(connection.isValid(5));
                }
                assertEquals(0, server.planned(), "every planned connection came");
            }
        } finally {
            terminate(holder);
        }
    }

    /** SIGTERM, and waits for the process to end. */
    private static void terminate(TrainingProcess process) {
        process.process().destroy();
        try {
            assertTrue(process.process().waitFor(60, TimeUnit.SECONDS), process.output());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private TrainingProcess start(Path store, int epochs) throws Exception {
        return TrainingProcess.start(directory.resolve("run-" + epochs + ".txt"), Map.of(), "run",
                Experiments.blobsFile().toString(), "--store", store.toString(), "--set", "epochs=" + epochs,
                "--set", "log_every=1", "--set", "callbacks=[{name: slow-down, millis: 40}]");
    }

    /** Until every run in the store has recorded {@code epochs} epochs. */
    private static void awaitEpochs(Path store, int epochs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            if (!Files.isDirectory(store.resolve("runs"))) {
                continue;
            }
            try (var runs = Files.list(store.resolve("runs"))) {
                List<Path> all = runs.toList();
                boolean ready = all.size() == 3;
                for (Path run : all) {
                    Path csv = run.resolve("epochs.csv");
                    ready &= Files.exists(csv) && Files.readAllLines(csv).size() > epochs;
                }
                if (ready) {
                    return;
                }
            }
        }
        throw new AssertionError("the runs did not all record " + epochs + " epochs");
    }

    private static void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, file + " did not appear");
            Thread.sleep(50);
        }
    }
}
