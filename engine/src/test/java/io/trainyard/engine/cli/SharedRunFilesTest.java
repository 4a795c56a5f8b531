package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.RunQueries;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team store on PostgreSQL whose run folders are on a directory every machine mounts: checkpoints live there
 * alone, and machines that mount it resume and evaluate from it.
 */
class SharedRunFilesTest {

    @TempDir
    Path directory;

    @Test
    void checkpointsOnADirectoryEveryMachineMountsStayOutOfTheDatabase() {
        StoreBackend.Store team = StoreBackend.POSTGRESQL.newStore(directory.resolve("mounted"));
        Map<String, String> shared = new HashMap<>(team.environment());
        shared.put("TRAINYARD_RUN_FILES_SHARED", "1");
        StoreBackend.Store mounted = new StoreBackend.Store(team.option(), shared);
        Cli.Result run = new Cli(mounted, directory.resolve("cache")).run("run", Experiments.blobsFile().toString(),
                "--set", "epochs=2");
        assertEquals(0, run.exitCode(), run.err());
        String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];

        try (Database database = new Database(mounted.location())) {
            RunQueries queries = new RunQueries(database);
            assertEquals(2, queries.checkpoints(id).size(), "recorded, with their SHA-256");
            assertTrue(queries.checkpointData(id, "last").isEmpty(), "the bytes stay in the mounted directory");
        }
        Cli.Result evaluated = new Cli(mounted, directory.resolve("cache")).run("evaluate", id, "--checkpoint", "last");
        assertEquals(0, evaluated.exitCode(), "another machine that mounts it: " + evaluated.err());

        // Without the flag the database keeps the bytes too, for machines that share nothing.
        Cli.Result alone = new Cli(team, directory.resolve("cache")).run("run", Experiments.blobsFile().toString(),
                "--set", "epochs=1");
        String other = alone.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow()
                .split(" ")[1];
        try (Database database = new Database(team.location())) {
            assertTrue(new RunQueries(database).checkpointData(other, "last").isPresent());
        }
    }

    @Test
    void sharedWithoutADirectoryIsRefusedInOneLine() {
        StoreBackend.Store team = StoreBackend.POSTGRESQL.newStore(directory.resolve("files"));
        Map<String, String> environment = new HashMap<>(team.environment());
        environment.remove("TRAINYARD_RUN_FILES");
        environment.put("TRAINYARD_RUN_FILES_SHARED", "1");
        Cli.Result refused = new Cli(new StoreBackend.Store(team.option(), environment), directory.resolve("cache"))
                .run("runs");
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals("error: TRAINYARD_RUN_FILES_SHARED says the run folders are on a directory every machine mounts,"
                + " but TRAINYARD_RUN_FILES does not name it; set it to that directory", refused.err().strip());
    }
}
