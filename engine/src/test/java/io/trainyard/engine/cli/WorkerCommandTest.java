package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.RecordedRuns;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.testing.TrainingProcess;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sweep --enqueue} and workers in processes of their own, one of them lost mid-trial. */
class WorkerCommandTest {

    private static final Pattern STARTED = Pattern.compile("trial (\\d+) of sweep \\S+ \\[.*] started");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void threeWorkersRunEveryTrialOnceAndResumeTheTrialOfAWorkerKilledWithSigkill(StoreBackend backend)
            throws Exception {
        StoreBackend.Store store = backend.newStore(directory.resolve("store"));
        Cli cli = new Cli(store, directory.resolve("cache"));
        Path file = Files.writeString(directory.resolve("sweep.yaml"), Files.readString(Experiments.blobsFile())
                .replace("epochs: 3\n", "").replaceFirst("(?s)callbacks:.*", "") + """
                epochs: 6
                callbacks: [{name: slow-down, millis: 120}]
                sweep:
                  parameters:
                    optimizer.lr: [0.1, 0.05]
                  repeats: 2
                """);
        Cli.Result queued = cli.run("sweep", file.toString(), "--enqueue");
        assertEquals(0, queued.exitCode(), queued.err());
        String sweepId = queued.out().lines().filter(line -> line.startsWith("Sweep ")).findFirst().orElseThrow()
                .split(" ")[1];
        assertTrue(queued.out().contains("4 trials (2 combinations x 2 seeds) queued"), queued.out());
        assertEquals(List.of(), runs(store.location()), "queued, not run");

        List<TrainingProcess> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> environment = new HashMap<>(store.environment(Map.of("TRAINYARD_HEARTBEAT_SECONDS",
                    "1", "TRAINYARD_CACHE", directory.resolve("cache").toString())));
            if (backend == StoreBackend.POSTGRESQL) {
                // Machines of their own: run folders and checkpoint files are not shared, only the database is.
                environment.put("TRAINYARD_RUN_FILES", directory.resolve("machine-" + i).toString());
            }
            workers.add(TrainingProcess.start(directory.resolve("worker-" + i + ".txt"), environment, "worker",
                    "--sweep", sweepId, "--threads", "1", "--store", store.option()));
        }
        TrainingProcess lost = workers.get(0);
        int interrupted = awaitTrialWithEpochs(lost, store.location(), sweepId, 2);
        List<ProcessHandle> trainers = lost.process().descendants().toList();
        trainers.forEach(ProcessHandle::destroyForcibly); // the machine is lost: worker and trial at once
        lost.process().destroyForcibly();
        assertTrue(lost.process().waitFor(60, TimeUnit.SECONDS));

        for (TrainingProcess worker : workers.subList(1, 3)) {
            assertTrue(worker.process().waitFor(240, TimeUnit.SECONDS), worker.output());
            assertEquals(0, worker.process().exitValue(), worker.output());
        }
        String output = workers.get(1).output() + workers.get(2).output();
        assertTrue(output.matches("(?s).*trial " + interrupted + " of sweep " + sweepId + " \\[.*] continues run .*"),
                output);

        List<TrialState> trials = trials(store.location(), sweepId);
        assertEquals(List.of("FINISHED", "FINISHED", "FINISHED", "FINISHED"),
                trials.stream().map(TrialState::status).toList());
        assertEquals(4, runs(store.location()).size(), "one run per trial: none trained twice, the lost one resumed");
        try (Database database = new Database(store.location())) {
            assertEquals("FINISHED", new SweepQueries(database).find(sweepId).status());
        }
        Cli.Result ranking = cli.run("compare", "--sweep", sweepId, "--format", "csv");
        assertEquals(0, ranking.exitCode(), ranking.err());
        assertEquals(5, ranking.out().lines().count(), "the four trials of every worker, ranked: " + ranking.out());
        Cli.Result late = cli.run("worker", "--sweep", sweepId);
        assertEquals(2, late.exitCode());
        assertEquals("error: sweep " + sweepId + " FINISHED: every trial has ended, nothing is left to take; rank them"
                + " with 'trainyard compare --sweep " + sweepId + "'\n", late.err());

        TrialState resumed = trials.get(interrupted - 1);
        List<String> settings = new ArrayList<>(List.of("run", file.toString().replace("sweep.yaml", "plain.yaml")));
        Files.writeString(directory.resolve("plain.yaml"), Files.readString(file).replaceFirst("(?s)sweep:.*", ""));
        for (String assignment : resumed.trial().assignments()) {
            settings.addAll(List.of("--set", assignment));
        }
        settings.addAll(List.of("--set", "threads=1"));
        Cli reference = new Cli(directory.resolve("reference"), directory.resolve("cache"));
        Cli.Result uninterrupted = reference.run(settings.toArray(new String[0]));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
        String referenceId = uninterrupted.out().lines().filter(line -> line.startsWith("Run ")).findFirst()
                .orElseThrow().split(" ")[1];
        StoreLocation referenceStore = new StoreLocation(directory.resolve("reference"));
        assertEquals(RecordedRuns.epochMetrics(RecordedRuns.details(referenceStore, referenceId)),
                RecordedRuns.epochMetrics(RecordedRuns.details(store.location(), resumed.runId())),
                "the resumed trial reaches the uninterrupted run's every metric, bit for bit");
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void theMedianRulePrunesATrialOnOneWorkerAgainstATrialAnotherWorkerCompleted(StoreBackend backend)
            throws Exception {
        StoreBackend.Store store = backend.newStore(directory.resolve("store"));
        Path file = Files.writeString(directory.resolve("sweep.yaml"), Files.readString(Experiments.blobsFile())
                + """
                sweep:
                  parameters:
                    optimizer.lr: [0.1, 1.0e-6]
                  prune: {warmup_epochs: 1, min_trials: 1}
                """);
        Cli cli = new Cli(store, directory.resolve("cache"));
        Cli.Result queued = cli.run("sweep", file.toString(), "--enqueue");
        assertEquals(0, queued.exitCode(), queued.err());
        String sweepId = queued.out().lines().filter(line -> line.startsWith("Sweep ")).findFirst().orElseThrow()
                .split(" ")[1];
        for (int worker = 0; worker < 2; worker++) {
            // Two workers, one trial each, in processes of their own: the second sees the first's only in the store.
            Map<String, String> environment = new HashMap<>(store.environment(Map.of("TRAINYARD_CACHE",
                    directory.resolve("cache").toString())));
            TrainingProcess process = TrainingProcess.start(directory.resolve("worker-" + worker + ".txt"),
                    environment, "worker", "--sweep", sweepId, "--max-trials", "1", "--store", store.option());
            assertTrue(process.process().waitFor(120, TimeUnit.SECONDS), process.output());
            assertEquals(0, process.process().exitValue(), process.output());
        }
        List<TrialState> trials = trials(store.location(), sweepId);
        RunSummary completed = RecordedRuns.details(store.location(), trials.get(0).runId()).summary();
        RunSummary pruned = RecordedRuns.details(store.location(), trials.get(1).runId()).summary();
        assertEquals(null, completed.stopReason());
        assertEquals(3, completed.epochs());
        assertEquals(2, pruned.epochs(), "stopped after the warm-up epoch and one more");
        assertTrue(pruned.stopReason().startsWith("pruned: best test_accuracy "), pruned.stopReason());
    }

    /** The trial the worker started, once its run has recorded {@code epochs} epochs. */
    private static int awaitTrialWithEpochs(TrainingProcess worker, StoreLocation store, String sweepId, int epochs)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher started = STARTED.matcher(worker.output());
            int trial = -1;
            while (started.find()) {
                trial = Integer.parseInt(started.group(1));
            }
            if (trial > 0) {
                TrialState state = trials(store, sweepId).get(trial - 1);
                if (state.runId() != null && "RUNNING".equals(state.status())
                        && RecordedRuns.details(store, state.runId()).epochs().size() >= epochs) {
                    return trial;
                }
            }
            assertTrue(worker.process().isAlive(), worker.output());
            Thread.sleep(100);
        }
        throw new AssertionError("the worker trained no trial in time: " + worker.output());
    }

    private static List<TrialState> trials(StoreLocation store, String sweepId) {
        try (Database database = new Database(store)) {
            return new SweepQueries(database).trials(sweepId);
        }
    }

    private static List<RunSummary> runs(StoreLocation store) {
        try (Database database = new Database(store)) {
            return new RunQueries(database).list();
        }
    }
}
