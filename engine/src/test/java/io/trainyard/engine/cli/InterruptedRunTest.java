package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real training process, interrupted the way Ctrl-C or {@code kill} would. */
class InterruptedRunTest {

    @TempDir
    Path directory;

    @Test
    void terminatedRunEndsKilledWithEveryFinishedEpochRecorded() throws Exception {
        Path store = directory.resolve("store");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", Experiments.blobsFile().toString(), "--store", store.toString(),
                "--set", "epochs=10000", "--set", "callbacks=[{name: slow-down, millis: 5}]")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("output.txt").toFile())
                .start();
        try {
            waitForEpochs(store, 2, Duration.ofSeconds(60));
        } finally {
            process.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C.
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run did not stop");
        }
        String runId = runDirectory(store).getFileName().toString();
        List<String> csv = Files.readAllLines(runDirectory(store).resolve("epochs.csv"));

        Cli.Result show = new Cli(store, directory.resolve("cache")).run("show", runId);
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("Status      KILLED"),
                show.out() + "\nrun output:\n" + Files.readString(directory.resolve("output.txt")));
        long recordedEpochs = show.out().lines().filter(line -> line.matches("\\s+\\d+\\s+\\d.*%.*")).count();
        assertEquals(csv.size() - 1, recordedEpochs, show.out());
        assertTrue(recordedEpochs >= 2, show.out());
    }

    private static void waitForEpochs(Path store, int epochs, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Path run = runDirectory(store);
            if (run != null && Files.exists(run.resolve("epochs.csv"))
                    && Files.readAllLines(run.resolve("epochs.csv")).size() > epochs) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + epochs + " epochs recorded within " + timeout);
    }

    private static Path runDirectory(Path store) throws IOException {
        Path runs = store.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> list = Files.list(runs)) {
            return list.findFirst().orElse(null);
        }
    }
}
