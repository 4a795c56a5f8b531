package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.ShownRun;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.tracking.Artifacts;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store copy}: a local store onto a PostgreSQL server and back, whole and idempotently. */
class StoreCopyCommandTest {

    @TempDir
    Path directory;

    @Test
    void aLocalStoreMovesToPostgresAndBackWithEveryRecordCheckpointAndArtifact() throws Exception {
        Path local = directory.resolve("local");
        Cli alone = new Cli(local, directory.resolve("cache"));
        String first = runId(alone.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2", "--set",
                "callbacks=[{name: epoch-squared}]"));
        assertEquals(0, alone.run("tag", first, "baseline=yes").exitCode());
        assertEquals(0, alone.run("note", first, "the first try").exitCode());
        Cli.Result rerun = alone.run("rerun", first);
        assertEquals(0, rerun.exitCode(), rerun.err());
        Path sweep = Files.writeString(directory.resolve("sweep.yaml"), Files.readString(Experiments.blobsFile())
                + "sweep:\n  parameters:\n    optimizer.lr: [0.1, 0.05]\n");
        assertEquals(0, alone.run("sweep", sweep.toString(), "--enqueue").exitCode());
        try (Database database = new Database(StoreLocation.resolve(local.toString(), Map.of()))) {
            new Artifacts(new RunStore(database), database.location()).log(first,
                    Files.writeString(directory.resolve("readme.txt"), "how the run was made"), "docs/readme.txt");
        }

        StoreBackend.Store team = StoreBackend.POSTGRESQL.newStore(directory.resolve("team-files"));
        Cli copy = new Cli(team, directory.resolve("cache"));
        Cli.Result copied = copy.run("store", "copy", "--from", local.toString(), "--to", team.option());
        assertEquals(0, copied.exitCode(), copied.err());
        assertTrue(copied.out().startsWith("Copied 2 run(s) and 1 sweep(s) from " + local), copied.out());

        // Another machine of the team: nothing of the local store's folders, only the server.
        Map<String, String> elsewhere = new HashMap<>(team.environment());
        elsewhere.put("TRAINYARD_RUN_FILES", directory.resolve("elsewhere").toString());
        Cli server = new Cli(new StoreBackend.Store(team.option(), elsewhere), directory.resolve("cache"));
        for (String id : new String[] {first, parentOf(alone, first)}) {
            assertEquals(withoutPaths(ShownRun.of(alone, id)), withoutPaths(ShownRun.of(server, id)));
        }
        assertEquals(alone.run("sweeps", "--format", "json").out(), server.run("sweeps", "--format", "json").out());
        Cli.Result evaluated = server.run("evaluate", first, "--checkpoint", "last");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertEquals(alone.run("evaluate", first, "--checkpoint", "last").out(), evaluated.out(),
                "the checkpoint, kept in the database, evaluates as the file did");

        Cli.Result fetched = server.run("artifacts", first, "--to", directory.resolve("fetched").toString());
        assertEquals(0, fetched.exitCode(), fetched.err());
        assertEquals("how the run was made", Files.readString(directory.resolve("fetched/docs/readme.txt")),
                "the artifact's bytes, from the server");

        Cli.Result again = copy.run("store", "copy", "--from", local.toString(), "--to", team.option());
        assertTrue(again.out().startsWith("Copied 0 run(s) and 0 sweep(s)") && again.out().contains("2 run(s) were"
                + " there already"), again.out());
        alone.run("tag", first, "owner=ana");
        assertTrue(copy.run("store", "copy", "--from", local.toString(), "--to", team.option()).out()
                .startsWith("Copied 1 run(s) and 0 sweep(s)"), "a changed run is copied again");
        assertEquals("ana", ShownRun.of(server, first).getAsJsonObject("tags").get("owner").getAsString());

        Path back = directory.resolve("back");
        Cli.Result home = server.run("store", "copy", "--from", team.option(), "--to", back.toString());
        assertEquals(0, home.exitCode(), home.err());
        Cli returned = new Cli(back, directory.resolve("cache"));
        assertEquals(withoutPaths(ShownRun.of(alone, first)), withoutPaths(ShownRun.of(returned, first)));
        assertEquals(0, returned.run("evaluate", first, "--checkpoint", "last").exitCode(),
                "a checkpoint only the server had is a file again");
        assertEquals("how the run was made", Files.readString(back.resolve("runs").resolve(first)
                .resolve("artifacts/docs/readme.txt")));
        assertFalse(copy.run("store", "copy", "--from", local.toString(), "--to", local.toString()).err().isEmpty());
    }

    private static String runId(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return result.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    }

    /** The rerun of {@code run}: the other run of the store. */
    private static String parentOf(Cli cli, String run) {
        return cli.run("runs", "--filter", "parent = '" + run + "'", "--format", "csv").out().lines().skip(1)
                .findFirst().orElseThrow().split(",")[0];
    }

    /** The run as shown, less where its files are on this machine. */
    private static JsonObject withoutPaths(JsonObject shown) {
        JsonObject copy = shown.deepCopy();
        for (String files : new String[] {"checkpoints", "artifacts"}) {
            for (JsonElement file : copy.getAsJsonArray(files)) {
                file.getAsJsonObject().remove("path");
            }
        }
        return copy;
    }
}
