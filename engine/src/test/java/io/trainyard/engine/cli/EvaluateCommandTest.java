package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreConnections;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints saved every epoch, and {@code evaluate} of the saved model. */
class EvaluateCommandTest {

    @TempDir
    Path directory;

    @Test
    void theSavedModelEvaluatesToTheRecordedMetricsRunningStatisticsIncluded() throws Exception {
        Path store = directory.resolve("store");
        Cli cli = new Cli(store, directory.resolve("cache"));
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=4", "--set",
                "model={name: sequential, layers: [linear(16), batchnorm1d, relu, dropout(0.2), linear]}");
        assertEquals(0, run.exitCode(), run.err());
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        RunDetails details;
        try (Database database = new Database(new StoreLocation(store))) {
            details = new RunQueries(database).find(id);
        }
        var last = details.epochs().get(3);
        Cli.Result evaluated = cli.run("evaluate", id, "--checkpoint", "last");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains(String.format(Locale.ROOT, "Test accuracy %.2f%%, test loss %.6f on ",
                100 * last.testAccuracy(), last.testLoss())), evaluated.out() + " vs " + last);

        int bestEpoch = details.metrics().get("test_accuracy").maxEpoch();
        Cli.Result best = cli.run("evaluate", id);
        assertTrue(best.out().contains("best checkpoint (epoch " + bestEpoch + ", test_accuracy "), best.out());
        assertTrue(cli.run("show", id).out().contains("Checkpoint  last: epoch 4, test_accuracy"));

        Path file = store.resolve("runs").resolve(id).resolve("last-epoch4.model");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        Cli.Result tampered = cli.run("evaluate", id, "--checkpoint", "last");
        assertEquals(2, tampered.exitCode());
        assertTrue(tampered.err().contains("has changed since it was saved"), tampered.err());
    }

    @Test
    void aMovedStoreFindsItsOwnCheckpointsWhetherRecordedRelativeOrAbsolute() throws Exception {
        Path original = directory.resolve("store");
        Cli.Result run = new Cli(original, directory.resolve("cache")).run("run", Experiments.blobsFile().toString(),
                "--set", "epochs=2");
        assertEquals(0, run.exitCode(), run.err());
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        Path moved = Files.move(original, directory.resolve("moved"));
        Cli cli = new Cli(moved, directory.resolve("cache"));
        assertEquals(0, cli.run("evaluate", id, "--checkpoint", "last").exitCode());
        assertTrue(cli.run("show", id).out().contains(moved.resolve("runs").resolve(id).resolve("last-epoch2.model")
                .toString()), "show points at the moved store's file");

        // A store recorded by an older Trainyard holds absolute paths into where it was made.
        try (Connection connection = StoreConnections.open(moved); Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE checkpoints SET path = '" + original.toAbsolutePath().resolve("runs")
                    .resolve(id).resolve("last-epoch2.model") + "' WHERE kind = 'last'");
        }
        Cli.Result evaluated = cli.run("evaluate", id, "--checkpoint", "last");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
    }
}
