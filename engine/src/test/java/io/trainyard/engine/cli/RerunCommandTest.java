package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.testing.ShownRun;
import io.trainyard.engine.testing.StoreConnections;
import io.trainyard.engine.text.YamlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code rerun}: from the record alone, bit for bit, refusing what can no longer be had. */
class RerunCommandTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aRunReproducesBitForBitFromItsRecordAlone(StoreBackend backend) throws Exception {
        Cli cli = new Cli(backend.newStore(directory.resolve("store")), directory.resolve("cache"));
        // The file changes after the run: the rerun uses the recorded text and overrides, not the file.
        Path file = Files.writeString(directory.resolve("blobs.yaml"), Files.readString(Experiments.blobsFile()));
        String original = runId(cli.run("run", file.toString(), "--set", "epochs=3", "--set", "optimizer.lr=0.05",
                "--set", "callbacks=[{name: step-lr, step_size: 1, gamma: 0.5}]"));
        Files.writeString(file, Files.readString(file).replace("seed: 7", "seed: 8"));

        Cli.Result rerun = cli.run("rerun", original);
        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("    3  bit-identical"), rerun.out());
        assertTrue(rerun.out().contains("Reproduced bit for bit: every metric of 3 epoch(s) is identical."),
                rerun.out());
        String copy = copyOf(rerun);
        assertTrue(cli.run("runs", "--filter", "parent = '" + original + "'").out().contains(copy));
        assertEquals(original, ShownRun.of(cli, copy).get("parent").getAsString());
    }

    @Test
    void aRunWhoseFileHasNoSeedReproducesWithTheSeedItDrew() throws Exception {
        Cli cli = new Cli(directory.resolve("store"), directory.resolve("cache"));
        Path file = Files.writeString(directory.resolve("unseeded.yaml"),
                Files.readString(Experiments.blobsFile()).replace("seed: 7\n", ""));
        String original = runId(cli.run("run", file.toString(), "--set", "epochs=2"));

        Cli.Result rerun = cli.run("rerun", original);
        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("Reproduced bit for bit: every metric of 2 epoch(s) is identical."),
                rerun.out());
        assertEquals(ShownRun.of(cli, original).get("seed").getAsLong(), ShownRun.of(cli, copyOf(rerun))
                .get("seed").getAsLong());
    }

    /** A run recorded by a version whose default differed: its record, not today's default, is what it reruns with. */
    @Test
    void aSettingLeftToItsDefaultIsTakenFromTheRecordNotFromTodaysDefault() throws Exception {
        Path store = directory.resolve("store");
        Cli cli = new Cli(store, directory.resolve("cache"));
        String original = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2", "--set",
                "eval_batch_size=7"));
        sql(store, "UPDATE provenance SET fact_value = '" + YamlText.writeTexts(List.of("epochs=2"))
                + "' WHERE run_id = '" + original + "' AND fact_key = 'experiment.overrides'");

        Cli.Result rerun = cli.run("rerun", original);
        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("Reproduced bit for bit: every metric of 2 epoch(s) is identical."),
                rerun.out());
        assertEquals(7, ShownRun.of(cli, copyOf(rerun)).getAsJsonObject("params").get("eval_batch_size").getAsInt());
    }

    @Test
    void aDifferenceIsReportedWithTheRecordedFactsThatChanged() throws Exception {
        Path store = directory.resolve("store");
        Cli cli = new Cli(store, directory.resolve("cache"));
        String original = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2"));
        // Pretend the original was trained elsewhere and got another loss in epoch 2.
        sql(store, "UPDATE epoch_metrics SET test_loss = test_loss + 1e-9 WHERE run_id = '" + original
                + "' AND epoch = 2");
        sql(store, "UPDATE provenance SET fact_value = '11.0.2' WHERE run_id = '" + original
                + "' AND fact_key = 'java.version'");
        Cli.Result rerun = cli.run("rerun", original);
        assertEquals(4, rerun.exitCode(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("    1  bit-identical"), rerun.out());
        assertTrue(rerun.out().contains("    2  differ: test_loss: "), rerun.out());
        assertTrue(rerun.out().contains("NOT reproduced: 1 of 2 epoch(s) differ."), rerun.out());
        assertTrue(rerun.out().contains("  java.version: 11.0.2 -> " + System.getProperty("java.version")),
                rerun.out());
    }

    @Test
    void whatCanNoLongerBeHadIsRefusedBeforeAnythingIsRecorded() throws Exception {
        Path store = directory.resolve("store");
        Cli cli = new Cli(store, directory.resolve("cache"));
        String original = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1"));
        sql(store, "UPDATE runs SET dataset_sha256 = 'feed' WHERE id = '" + original + "'");
        Cli.Result data = cli.run("rerun", original);
        assertEquals(2, data.exitCode());
        assertTrue(data.err().startsWith("error: cannot rerun " + original + ": the data differ from the run's: it"
                + " trained on data with SHA-256 feed, the data found now have "), data.err());

        sql(store, "UPDATE provenance SET fact_value = '0.0.1 x built-in' WHERE run_id = '" + original
                + "' AND fact_key = 'plugin.optimizer.sgd'");
        Cli.Result plugin = cli.run("rerun", original);
        assertEquals(2, plugin.exitCode());
        assertTrue(plugin.err().contains("it used optimizer 'sgd' version 0.0.1, but version "), plugin.err());
        assertEquals(1, cli.run("runs", "--format", "csv").out().lines().count() - 1, "no run was recorded");
    }

    private static String runId(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return result.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    }

    private static String copyOf(Cli.Result rerun) {
        return rerun.out().lines().filter(line -> line.startsWith("Rerun of ")).findFirst().orElseThrow()
                .split(" ")[4];
    }

    private static void sql(Path store, String statement) throws Exception {
        try (Connection connection = StoreConnections.open(store);
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
