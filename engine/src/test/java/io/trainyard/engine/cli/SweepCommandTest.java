package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.testing.TrainingProcess;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sweeps through the real command line, trials in real child processes. */
class SweepCommandTest {

    @TempDir
    Path directory;

    /** The store of the test: a directory unless the test names another backend. */
    private StoreBackend.Store store;

    private StoreBackend.Store store() {
        if (store == null) {
            store = StoreBackend.H2.newStore(directory.resolve("store"));
        }
        return store;
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aGridWithRepeatsRunsInParallelAsChildRunsOfOneSweepAndRanksThem(StoreBackend backend) throws Exception {
        store = backend.newStore(directory.resolve("store"));
        Path file = experiment("""
                sweep:
                  parameters:
                    optimizer.lr: [0.1, 0.001]
                  repeats: 2
                """);
        Cli cli = cli();
        Cli.Result sweep = cli.run("sweep", file.toString(), "--parallel", "2");
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err() + logs());
        String id = sweepId(sweep.out());
        assertTrue(sweep.out().contains("Sweep " + id + " FINISHED: 4 of 4 trials ended"), sweep.out());
        // Progress as trials end: how many of how many, and the time left at the pace so far.
        assertTrue(sweep.out().lines().anyMatch(line -> line.matches("trial \\d/4 .* FINISHED.*; 1 of 4 trials ended,"
                + " ETA \\d+:\\d\\d:\\d\\d")), sweep.out());
        assertTrue(sweep.out().lines().anyMatch(line -> line.endsWith("; 4 of 4 trials ended")), sweep.out());

        List<TrialState> trials = trials(id);
        assertEquals(List.of("FINISHED", "FINISHED", "FINISHED", "FINISHED"),
                trials.stream().map(TrialState::status).toList());
        List<RunDetails> runs = details(trials);
        assertEquals(List.of(0.1, 0.001, 0.1, 0.001), runs.stream().map(run -> run.params().get("optimizer.lr"))
                .toList());
        assertEquals(List.of(7L, 7L, 8L, 8L), runs.stream().map(run -> run.params().get("seed")).toList());
        for (int trial = 1; trial <= 4; trial++) {
            assertEquals(new Lineage(null, id, trial), runs.get(trial - 1).summary().lineage());
        }
        assertTrue(cli.run("show", trials.get(2).runId()).out().contains("\nSweep       " + id + ", trial 3\n"));
        long share = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        runs.forEach(run -> assertEquals(share, run.params().get("threads"), "each trial gets its share of cores"));

        Cli.Result listed = cli.run("runs", "--filter", "sweep = '" + id + "' and trial >= 3", "--format", "csv");
        assertEquals(3, listed.out().lines().count(), listed.out());

        cli.run("export", "--filter", "sweep = '" + id + "'", "--out", directory.resolve("export").toString());
        List<String> exported = Files.readAllLines(directory.resolve("export").resolve("runs.csv"));
        List<String> header = List.of(exported.get(0).split(","));
        assertEquals(List.of(id + "/1", id + "/2", id + "/3", id + "/4"), exported.subList(1, 5).stream()
                .map(line -> List.of(line.split(",")))
                .map(row -> row.get(header.indexOf("sweep")) + "/" + row.get(header.indexOf("trial"))).sorted()
                .toList(), "runs.csv links each run to its sweep and trial");

        Cli.Result ranking = cli.run("compare", "--sweep", id.substring(0, 15), "--format", "csv");
        assertEquals(0, ranking.exitCode(), ranking.err());
        List<List<String>> rows = ranking.out().lines().map(line -> List.of(line.split(","))).toList();
        int lr = rows.get(0).indexOf("params.optimizer.lr");
        int group = rows.get(0).indexOf("group");
        assertEquals(List.of("0.1/1", "0.1/1", "0.001/2", "0.001/2"), rows.subList(1, 5).stream()
                .map(row -> row.get(lr) + "/" + row.get(group)).toList(), "ranked: the better rate first");
        assertTrue(cli.run("compare", "--sweep", id).out().startsWith("Best: lr=0.1, final test accuracy "));

        Cli.Result again = cli.run("sweep", file.toString(), "--parallel", "2");
        assertEquals(0, again.exitCode());
        assertTrue(again.out().startsWith("Sweep " + id + " of blobs-mlp already ran its 4 trials"), again.out());
        assertEquals(4, cli.run("runs", "--format", "csv").out().lines().count() - 1, "no trial ran twice");
        JsonObject sweepRow = JsonParser.parseString(cli.run("sweeps", "--format", "json").out()).getAsJsonArray()
                .get(0).getAsJsonObject();
        assertEquals(List.of(id, "blobs-mlp", "FINISHED", "grid"), List.of(sweepRow.get("sweep_id").getAsString(),
                sweepRow.get("experiment").getAsString(), sweepRow.get("status").getAsString(),
                sweepRow.get("method").getAsString()));
        assertEquals(4, sweepRow.get("ended_trials").getAsInt());
        assertEquals("lr=0.1", sweepRow.get("best_config").getAsString(), "the best configuration, as compare ranks");
        assertEquals(2, sweepRow.get("best_config_runs").getAsInt());
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aKilledSweepContinuesWhereItStoppedAndResumesTheInterruptedTrial(StoreBackend backend) throws Exception {
        Path file = slowSweep();
        store = backend.newStore(directory.resolve("store"));
        TrainingProcess parent = TrainingProcess.start(directory.resolve("sweep.txt"),
                store.environment(Map.of("TRAINYARD_HEARTBEAT_SECONDS", "1", "TRAINYARD_CACHE",
                        directory.resolve("cache").toString())), "sweep", file.toString(), "--store", store.option());
        Path secondTrialLog = awaitSecondTrialRunning(parent);
        List<ProcessHandle> trials = parent.process().descendants().toList();
        parent.process().destroyForcibly();
        assertTrue(parent.process().waitFor(60, TimeUnit.SECONDS));
        for (ProcessHandle trial : trials) {
            trial.onExit().get(60, TimeUnit.SECONDS);
        }
        String id = sweepId(parent.output());
        TrialState interrupted = trials(id).get(1);
        assertEquals("KILLED", interrupted.status(), "the orphaned trial stopped and said so: "
                + Files.readString(secondTrialLog));
        Thread.sleep(3_500); // the sweep's own heartbeat lapses: it is CRASHED, not RUNNING elsewhere

        Cli.Result continued = cli().run("sweep", file.toString());
        assertEquals(0, continued.exitCode(), continued.out() + continued.err() + logs());
        assertTrue(continued.out().startsWith("Continuing sweep " + id + " of blobs-mlp: 1 of 2 trials ended, 1 to"
                + " run"), continued.out());
        assertTrue(continued.out().contains("trial 2/2 [optimizer.lr=0.05 seed=7] continues run "
                + interrupted.runId()), continued.out());
        List<TrialState> after = trials(id);
        assertEquals(interrupted.runId(), after.get(1).runId(), "resumed as the same run");
        assertEquals(List.of("FINISHED", "FINISHED"), after.stream().map(TrialState::status).toList());
        assertEquals(6, details(after).get(1).epochs().size());
        try (Database database = new Database(store().location())) {
            SweepRecord sweep = new SweepQueries(database).find(id);
            assertEquals("FINISHED", sweep.status());
            assertEquals(2, new RunQueries(database).list().size(), "the finished trial did not run again");
        }
    }

    @Test
    void aSweepStoppedWithSigtermRecordsItselfAndItsRunningTrialKilled() throws Exception {
        TrainingProcess parent = TrainingProcess.start(directory.resolve("sweep.txt"),
                Map.of("TRAINYARD_CACHE", directory.resolve("cache").toString()), "sweep", slowSweep().toString(),
                "--store", store().option());
        awaitSecondTrialRunning(parent);
        parent.process().destroy();
        assertTrue(parent.process().waitFor(60, TimeUnit.SECONDS));
        String id = sweepId(parent.output());
        List<TrialState> trials = trials(id);
        assertEquals(List.of("FINISHED", "KILLED"), trials.stream().map(TrialState::status).toList(),
                parent.output());
        assertTrue(details(trials).get(1).epochs().size() >= 1, "the killed trial kept its finished epochs");
        try (Database database = new Database(store().location())) {
            assertEquals("KILLED", new SweepQueries(database).find(id).status());
        }
    }

    @Test
    void theMedianRulePrunesATrialWorseThanTheCompletedOnes() throws Exception {
        Path file = experiment("""
                sweep:
                  parameters:
                    optimizer.lr: [0.1, 1.0e-6]
                  prune: {warmup_epochs: 1, min_trials: 1}
                """);
        Cli.Result sweep = cli().run("sweep", file.toString());
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err() + logs());
        List<RunDetails> runs = details(trials(sweepId(sweep.out())));
        assertEquals(null, runs.get(0).summary().stopReason());
        assertEquals(3, runs.get(0).summary().epochs(), sweep.out() + logs());
        assertEquals("FINISHED", runs.get(1).summary().status());
        assertEquals(2, runs.get(1).summary().epochs(), "stopped after the warm-up epoch and one more");
        assertTrue(runs.get(1).summary().stopReason().startsWith("pruned: best test_accuracy "),
                runs.get(1).summary().stopReason());
    }

    @Test
    void badSweepsAreRefusedBeforeAnythingIsRecorded() throws Exception {
        Cli cli = cli();
        Cli.Result noBlock = cli.run("sweep", Experiments.blobsFile().toString());
        assertEquals(2, noBlock.exitCode());
        assertEquals("error: " + Experiments.blobsFile() + " has no 'sweep' block; add one saying what to vary (see"
                + " the README, 'Sweeps'), or train the experiment once with 'trainyard run " + Experiments.blobsFile()
                + "'\n", noBlock.err());

        Path file = experiment("""
                sweep:
                  parameters:
                    optimizer.name: [sgd, adam]
                """);
        Cli.Result badTrial = cli.run("sweep", file.toString());
        assertEquals(2, badTrial.exitCode());
        assertEquals("error: sweep trial 2 (optimizer.name=adam seed=7): unknown key optimizer.momentum for optimizer"
                + " 'adam'; its keys are: lr, betas, eps, weight_decay, amsgrad, maximize; to give each optimizer its"
                + " own settings, sweep the whole section: 'optimizer: [{name: a, ...}, {name: b, ...}]'\n",
                badTrial.err());
        assertEquals("No sweeps yet. Start one with: trainyard sweep FILE (a file with a 'sweep' block)\n",
                cli.run("sweeps").out());
        assertTrue(cli.run("runs").out().startsWith("No runs yet."));
    }

    /** Every trial log of the store, for failure messages. */
    private String logs() throws Exception {
        StringBuilder logs = new StringBuilder();
        try (var files = Files.walk(directory.resolve("store"))) {
            for (Path log : files.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
                logs.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        }
        return logs.toString();
    }

    private Cli cli() {
        return new Cli(store(), directory.resolve("cache"));
    }

    /** Two trials of six epochs slow enough (0.7 s an epoch) to be interrupted in the second. */
    private Path slowSweep() throws Exception {
        return experiment("""
                epochs: 6
                callbacks: [{name: slow-down, millis: 120}]
                sweep:
                  parameters:
                    optimizer.lr: [0.1, 0.05]
                """);
    }

    /** The test experiment (blobs, 3 epochs) with these lines appended. */
    private Path experiment(String extra) throws Exception {
        Path file = directory.resolve("sweep.yaml");
        String base = Files.readString(Experiments.blobsFile());
        if (extra.startsWith("callbacks:") || extra.contains("\ncallbacks:")) {
            base = base.substring(0, base.indexOf("callbacks:"));
        }
        if (extra.startsWith("epochs:")) {
            base = base.replace("epochs: 3\n", "");
        }
        Files.writeString(file, base + extra);
        return file;
    }

    private static String sweepId(String output) {
        return output.lines().filter(line -> line.startsWith("Sweep ")).findFirst().orElseThrow().split(" ")[1];
    }

    /**
     * Waits until the second trial's run has recorded two epochs (so the first epoch's checkpoint, written while the
     * second trains, is on record); returns that trial's log.
     */
    private Path awaitSecondTrialRunning(TrainingProcess parent) throws Exception {
        Path store = directory.resolve("store");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Path runs = store.resolve("runs");
            if (Files.isDirectory(runs)) {
                try (var list = Files.list(runs)) {
                    for (Path run : list.toList()) {
                        Path csv = run.resolve("epochs.csv");
                        if (Files.exists(csv) && Files.readAllLines(csv).size() > 2
                                && Files.list(runs).count() == 2 && Files.readAllLines(csv).size() < 7) {
                            try (var sweeps = Files.list(store.resolve("sweeps"))) {
                                return sweeps.findFirst().orElseThrow().resolve("trial-2.log");
                            }
                        }
                    }
                }
            }
            assertTrue(parent.process().isAlive(), parent.output());
            Thread.sleep(100);
        }
        throw new AssertionError("the second trial recorded no epoch in time");
    }

    private List<TrialState> trials(String id) {
        try (Database database = new Database(store().location())) {
            return new SweepQueries(database).trials(id);
        }
    }

    private List<RunDetails> details(List<TrialState> trials) {
        try (Database database = new Database(store().location())) {
            List<String> ids = trials.stream().map(TrialState::runId).toList();
            ids.forEach(id -> assertNotNull(id));
            return new RunQueries(database).detailsById(ids, Reading.EVERYTHING);
        }
    }
}
