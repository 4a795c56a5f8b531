package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.engine.testing.Cli;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.h2.engine.Constants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real store made by Trainyard on H2 2.2.224 (src/test/resources/stores/made-by-h2-2.2.224, with what its commands
 * printed then), opened by this Trainyard: moved to the current H2 by export and import, every record kept.
 */
class H2FileUpgradeTest {

    private static final Path FIXTURE = Path.of("src/test/resources/stores/made-by-h2-2.2.224");
    private static final Path EXPECTED = Path.of("src/test/resources/stores/made-by-h2-2.2.224-expected");
    private static final String RUN = "20261130-085648-914041";

    @TempDir
    Path directory;

    private Path store;
    private Cli cli;

    @BeforeEach
    void copyTheOldStore() throws IOException {
        store = directory.resolve("store");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path file : files.toList()) {
                Path copy = store.resolve(FIXTURE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(store.resolve(StoreSecret.FILE), PosixFilePermissions.fromString("rw-------"));
        cli = new Cli(store, directory.resolve("cache"));
    }

    @Test
    void anOldStoreMovesToTheCurrentH2WithEveryRecordAsItWas() throws IOException {
        byte[] original = Files.readAllBytes(store.resolve("trainyard.mv.db"));

        assertEquals(json(EXPECTED.resolve("runs.json")), parse(cli.run("runs", "--format", "json")));
        assertEquals(withoutPaths(json(EXPECTED.resolve("show.json"))),
                withoutPaths(parse(cli.run("show", RUN, "--format", "json"))));
        assertEquals(json(EXPECTED.resolve("sweeps.json")), parse(cli.run("sweeps", "--format", "json")));

        assertEquals(Constants.VERSION, Files.readString(store.resolve(H2FileUpgrade.MARKER)).strip());
        Path kept = store.resolve("trainyard-before-h2-" + Constants.VERSION + ".mv.db");
        assertArrayEquals(original, Files.readAllBytes(kept), "the old file, kept as it was");
        try (Stream<Path> left = Files.list(store)) {
            assertEquals(java.util.List.of(), left.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".sql") || name.endsWith(".jar") || name.contains("upgrading"))
                    .toList(), "no export, jar or half-made file left behind");
        }

        // The upgraded store records as any other, and is not upgraded again.
        assertEquals(0, cli.run("tag", RUN, "upgraded=yes").exitCode());
        assertEquals("yes", parse(cli.run("show", RUN, "--format", "json")).getAsJsonObject()
                .getAsJsonObject("tags").get("upgraded").getAsString());
        assertArrayEquals(original, Files.readAllBytes(kept));
    }

    @Test
    void anOldStoreThatAnotherProcessHoldsIsLeftAsItWasWithOneLineSayingWhy() throws IOException {
        Path database = store.resolve("trainyard.mv.db");
        byte[] original = Files.readAllBytes(database);
        Cli.Result refused;
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            refused = cli.run("runs");
        }
        assertEquals(3, refused.exitCode(), refused.err());
        assertEquals("error: cannot upgrade the store " + store + " to H2 " + Constants.VERSION + ": another process"
                + " has it open, a Trainyard older than this one; let it finish, then run again", refused.err().strip());
        assertArrayEquals(original, Files.readAllBytes(database));
        assertFalse(Files.exists(store.resolve(H2FileUpgrade.MARKER)), "still to be upgraded");

        assertEquals(0, cli.run("runs").exitCode(), "once the other process is gone");
        assertTrue(Files.exists(store.resolve(H2FileUpgrade.MARKER)));
    }

    @Test
    void aNewStoreIsMarkedAsTheCurrentH2s() throws IOException {
        Path fresh = directory.resolve("fresh");
        assertEquals(0, new Cli(fresh, directory.resolve("cache")).run("runs").exitCode());
        assertEquals(Constants.VERSION, Files.readString(fresh.resolve(H2FileUpgrade.MARKER)).strip());
        assertFalse(Files.exists(fresh.resolve("trainyard-before-h2-" + Constants.VERSION + ".mv.db")));
    }

    private static JsonElement json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file));
    }

    private static JsonElement parse(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return JsonParser.parseString(result.out());
    }

    /** The run as shown, less where its checkpoints are on this machine. */
    private static JsonElement withoutPaths(JsonElement shown) {
        JsonObject copy = shown.getAsJsonObject().deepCopy();
        copy.getAsJsonArray("checkpoints").forEach(checkpoint -> checkpoint.getAsJsonObject().remove("path"));
        return copy;
    }
}
