package io.trainyard.engine.sweep;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepStore;
import io.trainyard.engine.tracking.TrialState;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs a recorded sweep's remaining trials, {@code parallel} processes at a time, keeping the sweep's heartbeat.
 * Ctrl-C or SIGTERM stops the trials (each records its finished epochs and ends KILLED) and records the sweep
 * KILLED; running the same command again continues it. A trial's output goes to its log in the sweep's folder.
 */
public final class TrialScheduler {

    /** How long an interrupted sweep waits for its trials to record how they ended. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** How often the console says which epoch the running trials have reached. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private final TrialLauncher launcher;
    private final SweepStore store;
    private final SweepQueries queries;
    private final RunStore runs;
    private final RunQueries runQueries;
    private final Database database;
    private final Heartbeat heartbeat;
    private final StoreLocation location;
    private final PrintStream console;

    @Inject
    public TrialScheduler(TrialLauncher launcher, SweepStore store, SweepQueries queries, RunStore runs,
            RunQueries runQueries, Database database, Heartbeat heartbeat, StoreLocation location,
            PrintStream console) {
        this.launcher = launcher;
        this.store = store;
        this.queries = queries;
        this.runs = runs;
        this.runQueries = runQueries;
        this.database = database;
        this.heartbeat = heartbeat;
        this.location = location;
        this.console = console;
    }

    public void run(SweepRecord sweep, int parallel, int threads) {
        List<TrialState> trials = queries.trials(sweep.id());
        Path directory = location.directory().resolve("sweeps").resolve(sweep.id());
        Set<Process> live = ConcurrentHashMap.newKeySet();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicLong trialNanos = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService slots = Executors.newFixedThreadPool(parallel);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        long interval = heartbeat.interval().toMillis();
        beats.scheduleAtFixedRate(() -> store.heartbeat(sweep.id(), Instant.now()), interval, interval,
                TimeUnit.MILLISECONDS);
        SweepProgress progress = new SweepProgress(trials.size(), (int) trials.stream().filter(TrialState::ended)
                .count());
        beats.scheduleAtFixedRate(() -> printRunning(sweep, progress), PROGRESS_EVERY.toMillis(),
                PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Thread hook = new Thread(() -> stop(sweep, stopping, slots, live), "trainyard-sweep-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<Future<?>> running = trials.stream().filter(trial -> !trial.ended()).<Future<?>>map(trial -> slots
                    .submit(() -> runTrial(sweep, trial, trials.size(), threads, directory, live, trialNanos,
                            progress)))
                    .toList();
            for (Future<?> trial : running) {
                trial.get();
            }
        } catch (ExecutionException e) {
            String message = e.getCause().getMessage();
            live.forEach(Process::destroy);
            store.finish(sweep.id(), "FAILED", message);
            throw new TrainyardException("sweep " + sweep.id() + " FAILED: " + message, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            live.forEach(Process::destroy);
            store.finish(sweep.id(), "KILLED", null);
            throw new TrainyardException("sweep " + sweep.id() + " was interrupted; run the same command to continue"
                    + " it", e);
        } finally {
            beats.shutdownNow();
            slots.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook records the sweep KILLED.
            }
        }
        if (stopping.get()) {
            awaitHalt();
        }
        finish(sweep, directory, (System.nanoTime() - start) / 1e9, trialNanos.get() / 1e9);
    }

    /**
     * The JVM is shutting down: the hook records the sweep KILLED once its trials have recorded theirs, then closes
     * the store. Returning would let the command close the store first, so this thread waits for the halt.
     */
    private static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Only the halt ends this wait.
            }
        }
    }

    private void runTrial(SweepRecord sweep, TrialState state, int total, int threads, Path directory,
            Set<Process> live, AtomicLong trialNanos, SweepProgress progress) {
        int number = state.trial().number();
        String name = String.format(Locale.ROOT, "trial %d/%d [%s]", number, total, state.trial().label());
        state = awaitOtherProcess(sweep, state, name);
        if (state.ended()) {
            return;
        }
        Path log = directory.resolve("trial-" + number + ".log");
        synchronized (console) {
            console.printf("%s %s (log %s)%n", name, state.runId() == null ? "started" : "continues run "
                    + state.runId(), log);
        }
        long begin = System.nanoTime();
        int exitCode;
        try {
            Process process = launcher.start(sweep.id(), number, threads, log);
            live.add(process);
            exitCode = process.waitFor();
            live.remove(process);
        } catch (IOException e) {
            throw new TrainyardException("cannot start " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        trialNanos.addAndGet(System.nanoTime() - begin);
        String outcome = TrialOutcome.describe(exitCode, queries.trial(sweep.id(), number), runQueries, log,
                (System.nanoTime() - begin) / 1e9);
        synchronized (console) {
            console.printf("%s %s; %s%n", name, outcome, progress.trialEnded());
        }
    }

    /** Which epoch each running trial has reached; a store that does not answer now is asked next time. */
    private void printRunning(SweepRecord sweep, SweepProgress progress) {
        try {
            List<TrialState> trials = queries.trials(sweep.id());
            List<String> running = trials.stream().filter(trial -> "RUNNING".equals(trial.status()))
                    .map(TrialState::runId).toList();
            Map<String, RunDetails> details = runQueries.detailsById(running, Reading.SUMMARIES).stream()
                    .collect(Collectors.toMap(run -> run.summary().id(), run -> run));
            String line = progress.running(trials, details);
            synchronized (console) {
                console.println(line);
            }
        } catch (RuntimeException e) {
            // Progress is a courtesy; the trials and the heartbeat go on.
        }
    }

    /**
     * A trial whose run is RUNNING belongs to another process, such as a trial of an interrupted sweep still
     * stopping: wait until it ends, or misses its heartbeats and is recorded CRASHED (then it resumes here).
     */
    private TrialState awaitOtherProcess(SweepRecord sweep, TrialState state, String name) {
        if (!"RUNNING".equals(state.status())) {
            return state;
        }
        synchronized (console) {
            console.printf("%s waits for run %s, RUNNING in another process%n", name, state.runId());
        }
        while ("RUNNING".equals(state.status())) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            runs.recordCrashes(Instant.now());
            state = queries.trial(sweep.id(), state.trial().number());
        }
        return state;
    }

    private void finish(SweepRecord sweep, Path directory, double wallSeconds, double trialSeconds) {
        List<TrialState> trials = queries.trials(sweep.id());
        List<TrialState> unfinished = trials.stream().filter(trial -> !trial.ended()).toList();
        String error = unfinished.isEmpty() ? null : unfinished.size() + " trial(s) did not end: "
                + unfinished.stream().map(trial -> trial.trial().number() + " (see "
                        + directory.resolve("trial-" + trial.trial().number() + ".log") + ")").toList();
        store.finish(sweep.id(), error == null ? "FINISHED" : "FAILED", error);
        console.printf(Locale.ROOT, "Sweep %s %s: %d of %d trials ended in %.1f s (trials' own time %.1f s, %.2fx"
                + " in parallel)%s%nRank the trials with: trainyard compare --sweep %s%n", sweep.id(),
                error == null ? "FINISHED" : "FAILED", trials.size() - unfinished.size(), trials.size(), wallSeconds,
                trialSeconds, wallSeconds > 0 ? trialSeconds / wallSeconds : 0, error == null ? "" : "; " + error,
                sweep.id());
    }

    /** On Ctrl-C or SIGTERM: no new trial starts, the running ones are stopped and given time to record it. */
    private void stop(SweepRecord sweep, AtomicBoolean stopping, ExecutorService slots, Set<Process> live) {
        stopping.set(true);
        slots.shutdownNow();
        live.forEach(Process::destroy);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (Process process : live) {
            try {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                break;
            }
        }
        store.finish(sweep.id(), "KILLED", null);
        database.close();
    }
}
