package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How commands open a store that is not a plain healthy directory: a URL, a damaged file, a read-only mount. */
class StoreOpeningTest {

    @TempDir
    Path directory;

    private Path mounted;

    @Test
    void aStoreWhoseCreationWasInterruptedSaysItCanBeDeleted() throws Exception {
        Path store = Files.createDirectories(directory.resolve("new-store"));
        Path file = store.resolve("trainyard.mv.db");
        Files.write(file, new byte[0]); // as a process killed while creating it leaves it
        Cli.Result result = new Cli(store, directory.resolve("cache")).run("runs");
        assertEquals(3, result.exitCode(), result.err());
        assertEquals("error: the store's database " + file.toAbsolutePath() + " cannot be read (it is empty or not an"
                + " H2 database); it was left untouched: no run was ever recorded in this store (it has no run"
                + " folders), so if its creation was interrupted, delete " + file.toAbsolutePath() + " and the next"
                + " command creates it afresh\n", result.err());
        assertTrue(Files.exists(file), "never deleted by Trainyard");
    }

    @Test
    void aStoreUrlWhoseSettingsRunCodeIsRefusedWithoutRunningOrPrintingIt() throws Exception {
        Path marker = directory.resolve("marker");
        Path script = directory.resolve("init.sql");
        Files.writeString(script, "CALL FILE_WRITE('owned', '" + marker + "');");
        String url = "jdbc:h2:mem:t;INIT=RUNSCRIPT FROM '" + script + "'";
        Cli.Result byOption = cli(Map.of(), "runs", "--store", url);
        Cli.Result byVariable = cli(Map.of("TRAINYARD_STORE", url), "runs");
        for (Cli.Result result : new Cli.Result[] {byOption, byVariable}) {
            assertEquals(2, result.exitCode());
            assertEquals("error: the store URL's setting INIT is not accepted (H2 settings can run code); accepted:"
                    + " AUTO_RECONNECT, DB_CLOSE_DELAY, IFEXISTS", result.err().strip());
        }
        assertFalse(Files.exists(marker), "the script did not run");

        Cli.Result password = cli(Map.of(), "runs", "--store", "jdbc:h2:tcp://127.0.0.1/x;PASSWORD=hunter2");
        assertEquals(2, password.exitCode());
        assertFalse(password.err().contains("hunter2"), password.err());
        assertEquals(2, cli(Map.of(), "runs", "--store", "jdbc:h2:file:" + directory.resolve("db")).exitCode());
    }

    /**
     * A negative length cuts that many bytes off the end, inside the chunk there. (Cuts at a block's end, inside chunks
     * in whichever order H2's compaction left them, are DatabaseFileTest's.)
     */
    @ParameterizedTest(name = "cut to {0} bytes")
    @ValueSource(ints = {0, 4096, 8192, 12_000, 40_000, -2048})
    void aDamagedDatabaseFileIsNeverReplacedAndTheCommandSaysHowToRecover(int length) throws Exception {
        Path store = directory.resolve("store");
        Cli cli = new Cli(store, directory.resolve("cache"));
        assertEquals(0, cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1").exitCode());
        Path file = store.resolve("trainyard.mv.db");
        byte[] whole = Files.readAllBytes(file);
        assumeTrue(whole.length > Math.abs(length));
        byte[] damaged = Arrays.copyOf(whole, length < 0 ? whole.length + length : length);
        Files.write(file, damaged);

        for (String command : new String[] {"runs", "run"}) {
            Cli.Result result = command.equals("run") ? cli.run("run", Experiments.blobsFile().toString())
                    : cli.run(command);
            assertEquals(3, result.exitCode(), result.err());
            assertEquals("error: the store's database " + file.toAbsolutePath() + " cannot be read", result.err()
                    .lines().findFirst().orElseThrow().replaceAll(" \\(.*", ""));
            assertTrue(result.err().strip().endsWith("it was left untouched: restore it from a backup (see 'When the"
                    + " store is damaged' in the README)"), result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
            assertArrayEquals(damaged, Files.readAllBytes(file), "the damaged file is untouched");
        }
    }

    @Test
    void aStoreOnAReadOnlyFileSystemCanBeReadButNotWritten() throws Exception {
        Path mount = mountTmpfs("16m");
        Path store = mount.resolve("store");
        Cli cli = new Cli(store, directory.resolve("cache"));
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1");
        assertEquals(0, run.exitCode(), run.err());
        String runId = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow()
                .split(" ")[1];
        sh("mount", "-o", "remount,ro", mount.toString());

        Cli.Result runs = cli.run("runs", "--format", "csv");
        assertEquals(0, runs.exitCode(), runs.err());
        assertTrue(runs.out().contains(runId + ",blobs-mlp,FINISHED"), runs.out());
        Cli.Result show = cli.run("show", runId);
        assertEquals(0, show.exitCode(), show.err());

        Cli.Result write = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1");
        assertEquals(3, write.exitCode(), write.out() + write.err());
        assertTrue(write.err().startsWith("error: ") && write.err().contains("read-only"), write.err());
        assertEquals(1, write.err().strip().lines().count(), write.err());
    }

    @Test
    void aFullDiskEndsTheRunSayingSoWithEveryTrainedEpochKeptAndNoPartialFile() throws Exception {
        Path mount = mountTmpfs("1m");
        Path store = mount.resolve("store");
        Cli cli = new Cli(store, directory.resolve("cache"));
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=100000",
                "--set", "log_every=1", "--set", "callbacks=[]");
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("no space left on the device holding"
                + " the store " + store), run.err());
        Path runDirectory = store.resolve("runs").resolve(run.out().lines().filter(line -> line.startsWith(
                "Run ")).findFirst().orElseThrow().split(" ")[1]);
        long trained = run.out().lines().filter(line -> line.startsWith("Test Error:")).count();
        assertTrue(trained > 1, run.out());
        List<String> csv = Files.readAllLines(runDirectory.resolve("epochs.csv"));
        assertEquals(trained, csv.size() - 1, "every evaluated epoch is in the run's epochs.csv");
        try (var files = Files.list(runDirectory)) {
            assertTrue(files.noneMatch(path -> path.toString().endsWith(".partial")), "no partial file");
        }
        // Space again: the store opens, and every epoch the database took is there.
        sh("mount", "-o", "remount,size=16m", mount.toString());
        Cli.Result show = cli.run("show", runDirectory.getFileName().toString(), "--format", "json");
        assertEquals(0, show.exitCode(), show.err());
        long recorded = com.google.gson.JsonParser.parseString(show.out()).getAsJsonObject().getAsJsonArray("epochs")
                .size();
        assertTrue(recorded == trained - 1 || recorded == trained, "all but the refused epoch: " + recorded + " of "
                + trained);
    }

    /** A real file system of the given size, mounted for this test and unmounted after it (needs root). */
    private Path mountTmpfs(String size) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a file system");
        Path mount = Files.createDirectory(directory.resolve("mount"));
        sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
        mounted = mount;
        return mount;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            sh("umount", "-l", mounted.toString());
        }
    }

    private static void sh(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command)
                + ": " + output);
    }

    private Cli.Result cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("TRAINYARD_CACHE", directory.resolve("cache").toString());
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
