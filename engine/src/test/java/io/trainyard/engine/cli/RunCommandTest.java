package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.PluginJar;
import io.trainyard.engine.testing.ShownRun;
import io.trainyard.engine.testing.StoreConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process, on a real H2 file store. */
class RunCommandTest {

    private static final Pattern RUN_LINE = Pattern.compile("Run (\\S+) (FINISHED|FAILED|KILLED)");

    @TempDir
    Path directory;

    private Path store;
    private Cli cli;

    @BeforeEach
    void setUp() {
        store = directory.resolve("store");
        cli = new Cli(store, directory.resolve("cache"));
    }

    @Test
    void runRecordsEveryEpochInTheDatabaseAndTheCsv() throws Exception {
        Cli.Result result = cli.run("run", Experiments.blobsFile().toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Epoch 3/3"), result.out());
        assertTrue(result.out().contains("Test Error: Accuracy: "), result.out());
        // The phases before the first batch say what they do and how long they took.
        assertTrue(result.out().lines().anyMatch(line -> line.matches("Loading data \\(blobs\\)\\.\\.\\. 96 train and"
                + " 48 test samples in \\d+\\.\\d s")), result.out());
        assertTrue(result.out().lines().anyMatch(line -> line.matches("Starting ND4J, building the model \\(mlp\\), loss"
                + " \\(cross-entropy\\) and optimizer \\(sgd\\)\\.\\.\\. \\d+\\.\\d s")), result.out());
        String runId = runId(result);

        List<String> csv = Files.readAllLines(store.resolve("runs").resolve(runId).resolve("epochs.csv"));
        assertEquals("epoch,train_loss,train_accuracy,test_loss,test_accuracy,epoch_seconds", csv.get(0));
        assertEquals(4, csv.size(), csv.toString());
        assertTrue(csv.get(3).startsWith("3,"), csv.get(3));

        try (Connection connection = StoreConnections.open(store)) {
            assertEquals(3, count(connection, "SELECT COUNT(*) FROM epoch_metrics WHERE run_id = '" + runId + "'"));
            // 96 samples in batches of 16 is 6 batches per epoch; 18 steps logged every 2nd: 9 rows.
            assertEquals(9, count(connection, "SELECT SUM(step_count) FROM step_chunks WHERE run_id = '" + runId + "'"));
            assertEquals(1, count(connection, "SELECT COUNT(*) FROM params WHERE run_id = '" + runId
                    + "' AND param_key = 'optimizer.lr' AND value_type = 'decimal' AND num_value = 0.1"));
            assertEquals(1, count(connection, "SELECT COUNT(*) FROM runs WHERE id = '" + runId
                    + "' AND status = 'FINISHED' AND end_time IS NOT NULL AND seed = 7"));
        }
    }

    @Test
    void runsAndShowListTheRecordedRun() {
        String runId = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2"));
        Cli.Result runs = cli.run("runs");
        assertEquals(0, runs.exitCode(), runs.err());
        assertTrue(runs.out().lines().anyMatch(line -> line.startsWith(runId + " ")), runs.out());
        JsonObject listed = JsonParser.parseString(cli.run("runs", "--format", "json").out()).getAsJsonArray().get(0)
                .getAsJsonObject();
        assertEquals(List.of(runId, "blobs-mlp", "FINISHED"), List.of(listed.get("run_id").getAsString(),
                listed.get("experiment").getAsString(), listed.get("status").getAsString()));
        assertEquals(2, listed.get("epochs").getAsInt());
        JsonObject shownRun = ShownRun.of(cli, runId);
        assertEquals(shownRun.getAsJsonArray("epochs").get(1).getAsJsonObject().get("test_accuracy").getAsDouble(),
                listed.get("final_test_accuracy").getAsDouble(), "runs lists the final test accuracy");

        Cli.Result show = cli.run("show", runId);
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("optimizer.lr"), show.out());
        assertTrue(show.out().lines().anyMatch(line -> line.matches("\\s+optimizer\\.momentum\\s+0\\.9")), show.out());
        assertTrue(show.out().contains("EPOCH  TRAIN_LOSS  TRAIN_ACCURACY  TEST_LOSS  TEST_ACCURACY  EPOCH_SECONDS"),
                show.out());
        assertTrue(show.out().contains("  java.version "), show.out());
        assertTrue(show.out().contains("plugins recorded: show --provenance lists them"), show.out());
        assertTrue(cli.run("show", runId, "--provenance").out().contains("  plugin.optimizer.sgd "));
        assertTrue(show.out().lines().anyMatch(line -> line.trim().startsWith("2 ")), show.out());
    }

    @Test
    void showAsJsonGivesTypedParamsEveryEpochAndTheCheckpoints() throws Exception {
        String runId = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2"));
        JsonObject shown = ShownRun.of(cli, runId);
        assertEquals(runId, shown.get("run_id").getAsString());
        assertEquals("FINISHED", shown.get("status").getAsString());
        assertEquals(7, shown.get("seed").getAsLong());
        JsonObject params = shown.getAsJsonObject("params");
        assertEquals(0.1, params.get("optimizer.lr").getAsDouble());
        assertEquals(16, params.getAsJsonArray("model.hidden").get(0).getAsLong(), "a list param is a JSON array");
        assertFalse(params.get("optimizer.nesterov").getAsBoolean());
        assertEquals("epochs=2", shown.getAsJsonObject("provenance").get("experiment.overrides").getAsString());
        assertEquals(System.getProperty("trainyard.expected-version"),
                shown.getAsJsonObject("provenance").get("trainyard.version").getAsString(), "the POM's version");

        List<String> csv = Files.readAllLines(store.resolve("runs").resolve(runId).resolve("epochs.csv"));
        var epochs = shown.getAsJsonArray("epochs");
        assertEquals(2, epochs.size());
        for (int i = 0; i < 2; i++) {
            String[] cells = csv.get(i + 1).split(",");
            JsonObject epoch = epochs.get(i).getAsJsonObject();
            assertEquals(i + 1, epoch.get("epoch").getAsInt());
            assertEquals(Double.parseDouble(cells[4]), epoch.get("test_accuracy").getAsDouble());
            assertEquals(Double.parseDouble(cells[1]), epoch.get("train_loss").getAsDouble());
        }
        JsonObject accuracy = shown.getAsJsonObject("metrics").getAsJsonObject("test_accuracy");
        assertEquals(epochs.get(1).getAsJsonObject().get("test_accuracy").getAsDouble(),
                accuracy.get("last").getAsDouble());
        assertEquals(2, shown.getAsJsonArray("checkpoints").size(), "the last and the best");
    }

    @Test
    void anEpochsBestCheckpointIsASecondNameOfItsLastOneNotACopy() throws Exception {
        String runId = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2"));
        Path run = store.resolve("runs").resolve(runId);
        Path last = run.resolve("last-epoch1.model");
        Path best = run.resolve("best-epoch1.model");
        assertTrue(Files.isSameFile(last, best), "the first epoch is always the best so far");
        assertEquals(Files.getAttribute(last, "unix:ino"), Files.getAttribute(best, "unix:ino"));
        try (var files = Files.list(run)) {
            assertTrue(files.noneMatch(file -> file.toString().endsWith(".partial")), "no name left half made");
        }
        JsonObject shown = ShownRun.of(cli, runId);
        assertEquals(2, shown.getAsJsonArray("checkpoints").size(), "the last and the best, each recorded");
        assertEquals(0, cli.run("evaluate", runId, "--checkpoint", "best").exitCode());
    }

    /**
     * The thread budget changes how fast a run goes, never what it computes: BLAS splits a GEMM's work by its thread
     * count (here the last layer's, 64x512 by 512x10) and the split changes the last bits, so BLAS gets one thread.
     */
    @Test
    void theThreadBudgetLeavesEveryResultBitIdentical() {
        List<String> results = new ArrayList<>();
        for (String threads : List.of("1", "2")) {
            String runId = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2", "--set",
                    "threads=" + threads, "--set", "batch_size=64", "--set", "model.hidden=[512]", "--set",
                    "dataset={name: blobs, features: 784, classes: 10, train: 128}"));
            StringBuilder metrics = new StringBuilder();
            for (var epoch : ShownRun.of(cli, runId).getAsJsonArray("epochs")) {
                for (String metric : List.of("train_loss", "test_loss", "test_accuracy")) {
                    metrics.append(metric).append('=').append(epoch.getAsJsonObject().get(metric).getAsDouble())
                            .append(' ');
                }
            }
            results.add(metrics.toString());
        }
        assertEquals(results.get(0), results.get(1));
    }

    @Test
    void failingRunEndsFailedWithItsFinishedEpochsRecorded() {
        Cli.Result result = cli.run("run", Experiments.blobsFile().toString(),
                "--set", "callbacks=[{name: fail-at, epoch: 2, batch: 1}]");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: run "), result.err());
        assertTrue(result.err().contains("FAILED: boom at epoch 2 batch 1"), result.err());
        String runId = result.err().split(" ")[2];
        JsonObject shown = ShownRun.of(cli, runId);
        assertEquals("FAILED", shown.get("status").getAsString());
        assertEquals("boom at epoch 2 batch 1", shown.get("error").getAsString());
        assertEquals(1, shown.getAsJsonArray("epochs").size(), "the finished epoch is recorded");
        assertEquals(1, shown.getAsJsonArray("epochs").get(0).getAsJsonObject().get("epoch").getAsInt());
    }

    @Test
    void badInputGivesOneLineAndRecordsNothing() throws Exception {
        Path malformed = Files.writeString(directory.resolve("bad.yaml"), "name: x\nmodel: {name: mlp\n");
        Path emptyData = Files.createDirectories(directory.resolve("empty"));
        String blobs = Experiments.blobsFile().toString();
        String reference = Path.of("../experiments/fashion-mnist-sgd.yaml").toString();
        String blobsText = Files.readString(Experiments.blobsFile());
        Path unknownLayer = Files.writeString(directory.resolve("layer.yaml"), blobsText.replace(
                "{name: mlp, hidden: [16]}", "{name: sequential, layers: [flatten, lienar(8), relu, linear]}"));
        Path misplacedConv = Files.writeString(directory.resolve("conv.yaml"), blobsText.replace(
                "{name: mlp, hidden: [16]}", "{name: sequential, layers: [conv2d(4), linear]}"));
        List<List<String>> cases = List.of(
                List.of("run", unknownLayer.toString()),
                List.of("run", misplacedConv.toString()),
                List.of("run", directory.resolve("absent.yaml").toString()),
                List.of("run", malformed.toString()),
                List.of("run", blobs, "--set", "optimizer.name=lbfgs"),
                List.of("run", blobs, "--set", "optimizer.lr=-0.1"),
                List.of("run", blobs, "--set", "optimizer.lr=0"),
                List.of("run", blobs, "--set", "optimizer.lr=.inf"),
                List.of("run", blobs, "--set", "callbacks=[{name: early-stopping, monitor: test_acc}]"),
                List.of("run", blobs, "--set", "optimizer.lr=1e309"),
                List.of("run", blobs, "--set", "name=" + "x".repeat(5000)),
                List.of("run", blobs, "--set", "name=''"),
                List.of("run", blobs, "--set", "name=\"a\\0b\""),
                List.of("run", blobs, "--set", "batch_size=0"),
                List.of("run", blobs, "--set", "epochs=0"),
                List.of("run", blobs, "--set", "optimizer.lrate=0.1"),
                List.of("run", blobs, "--set", "optimizer.momentum=lots"),
                List.of("run", reference, "--data", emptyData.toString()),
                List.of("show", "no-such-run"),
                List.of("run"));
        for (List<String> args : cases) {
            Cli.Result result = cli.run(args.toArray(new String[0]));
            assertEquals(2, result.exitCode(), args + " -> " + result.err());
            List<String> lines = result.err().lines().toList();
            assertTrue(lines.get(0).startsWith("error: "), args + " -> " + result.err());
            assertTrue(lines.size() == 1 || lines.get(1).startsWith("Try 'trainyard"), args + " -> " + result.err());
            assertTrue(result.out().isEmpty() || !result.out().contains("Exception"), result.out());
        }
        assertTrue(cli.run("runs").out().startsWith("No runs yet."));
        assertFalse(Files.exists(store.resolve("runs")), "no run folder either");
    }

    @Test
    void sequentialModelsAreBuiltFromTheLayerPlugins() throws Exception {
        Path sequential = Files.writeString(directory.resolve("sequential.yaml"), Files.readString(
                Experiments.blobsFile()).replace("{name: mlp, hidden: [16]}",
                "{name: sequential, layers: [linear(8), gelu(approximate=tanh), batchnorm1d, linear]}"));
        Cli.Result result = cli.run("run", sequential.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("GELU(tanh)"), result.out());
        Cli.Result unknown = cli.run("run", Files.writeString(directory.resolve("unknown.yaml"),
                Files.readString(sequential).replace("gelu(approximate=tanh)", "gleu")).toString());
        assertEquals("error: model.layers[1]: unknown layer 'gleu'; available: batchnorm1d, conv2d, dropout,"
                + " flatten, gelu, leaky-relu, linear, log-softmax, maxpool2d, relu, sigmoid, softmax, tanh"
                + " (see 'trainyard plugins')", unknown.err().strip());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("run", "rerun", "resume", "evaluate", "runs", "show", "compare", "export", "tag", "note", "plugins", "bench", "bench-store")) {
            Cli.Result help = cli.run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: trainyard " + command), help.out());
        }
    }

    @Test
    void pluginsListsEveryKindWithHyperparameters() {
        Cli.Result plugins = cli.run("plugins");
        assertEquals(0, plugins.exitCode(), plugins.err());
        for (String expected : List.of("dataset   fashion-mnist", "model     mlp", "model     cnn",
                "model     sequential", "loss      cross-entropy", "optimizer sgd", "optimizer adamw",
                "callback  console-progress", "built-in",
                "    lr                         decimal       default 0.001            learning rate, in (0, inf)")) {
            assertTrue(plugins.out().contains(expected), expected + " in\n" + plugins.out());
        }
    }

    @Test
    void pluginsNameShowsOnePluginInDetail() {
        Cli.Result adam = cli.run("plugins", "adam");
        assertEquals(0, adam.exitCode(), adam.err());
        assertTrue(adam.out().startsWith("optimizer adam\n"), adam.out());
        assertTrue(adam.out().contains("class io.trainyard.plugins.optim.AdamFactory, from built-in"), adam.out());
        assertTrue(adam.out().contains("betas                      decimal-list  default [0.9, 0.999]"), adam.out());
        Cli.Result unknown = cli.run("plugins", "adamm");
        assertEquals(2, unknown.exitCode());
        assertEquals("error: no plugin is named 'adamm' (did you mean 'adam'?); 'trainyard plugins' lists them all",
                unknown.err().strip());
    }

    @Test
    void pluginsFromADirectoryShowTheirJar() throws Exception {
        Path plugins = Files.createDirectories(directory.resolve("my-plugins"));
        Path jar = new PluginJar()
                .source("com.example.Hinge", PluginJar.lossFactory("com.example.Hinge", "hinge", false))
                .service(LossFactory.class, "com.example.Hinge")
                .write(plugins.resolve("hinge.jar"));
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});
        Cli.Result listed = cli.run("plugins", "--plugins", plugins.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains("loss      hinge"), listed.out());
        assertTrue(listed.out().contains(jar.toString()), listed.out());
        assertTrue(listed.out().contains("could not load from " + plugins.resolve("broken.jar")
                + ": not a readable jar file"), listed.out());
    }

    private static String runId(Cli.Result result) {
        Matcher matcher = RUN_LINE.matcher(result.out());
        assertTrue(matcher.find(), result.out() + result.err());
        return matcher.group(1);
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
