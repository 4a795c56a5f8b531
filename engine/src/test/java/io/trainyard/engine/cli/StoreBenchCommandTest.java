package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreBackend;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code bench-store} on a small scale: what it measures, on either database, and that it leaves a store alone. */
class StoreBenchCommandTest {

    private static final Pattern CLAIMS = Pattern.compile("claims: (\\d+) of 200 queued trials by 8 workers in .*"
            + " claimed twice: (\\d+)");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void eightWorkersClaimEveryQueuedTrialOnce(StoreBackend backend) {
        // On H2 a temporary store; on PostgreSQL an empty database named as a user would name it.
        StoreBackend.Store store = backend.newStore(directory.resolve("files"));
        Cli cli = new Cli(store, directory.resolve("cache"));
        String[] common = {"bench-store", "--runs", "50", "--epochs", "5", "--steps", "5000", "--trials", "200"};
        Cli.Result result = backend == StoreBackend.H2 ? cli.run(common)
                : cli.run(concat(common, "--database", store.option()));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("ingest: 5,000 step metrics in "), result.out());
        assertTrue(result.out().contains("round 4: filter + order 51 of 51 runs"), result.out());
        Matcher claims = CLAIMS.matcher(result.out());
        assertTrue(claims.find(), result.out());
        assertEquals("200", claims.group(1), "every trial claimed");
        assertEquals("0", claims.group(2), "none twice");
        if (backend == StoreBackend.POSTGRESQL) {
            assertTrue(cli.run("runs").out().startsWith("No runs yet."), "the scratch database is emptied again");
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void aDatabaseHoldingRunsIsRefused() {
        StoreBackend.Store store = StoreBackend.POSTGRESQL.newStore(directory.resolve("files"));
        Cli cli = new Cli(store, directory.resolve("cache"));
        assertEquals(0, cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1").exitCode());
        Cli.Result refused = cli.run("bench-store", "--database", store.option());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("give it an empty scratch database"), refused.err());
        assertEquals(1, cli.run("runs", "--format", "csv").out().lines().count() - 1, "its run is still there");
    }
}
