package io.trainyard.engine.sweep;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.TrialQueue;
import io.trainyard.engine.tracking.TrialState;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code trainyard worker}: takes trials of queued sweeps from the store one at a time, trains each in a process
 * of its own (as {@code trainyard sweep} does), and exits when no trial is left to take and none is held by another
 * worker that might die and give it back. Any number of workers on any number of machines share the queue.
 */
public final class Worker {

    /** How long a worker with nothing to claim waits before asking again. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long a stopping worker waits for its trial to record that it was killed. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TrialQueue queue;
    private final TrialLauncher launcher;
    private final RunStore runs;
    private final RunQueries runQueries;
    private final SweepQueries sweeps;
    private final Database database;
    private final Heartbeat heartbeat;
    private final StoreLocation location;
    private final PrintStream console;
    private final String name = name();

    @Inject
    public Worker(TrialQueue queue, TrialLauncher launcher, RunStore runs, RunQueries runQueries, SweepQueries sweeps,
            Database database, Heartbeat heartbeat, StoreLocation location, PrintStream console) {
        this.queue = queue;
        this.launcher = launcher;
        this.runs = runs;
        this.runQueries = runQueries;
        this.sweeps = sweeps;
        this.database = database;
        this.heartbeat = heartbeat;
        this.location = location;
        this.console = console;
    }

    /**
     * @param sweepIdOrPrefix the sweep to work on, or null for every queued sweep
     * @param threads thread budget of each trial
     * @param maxTrials stop after this many trials; 0 for no limit
     * @return how many trials this worker ran
     */
    public int work(String sweepIdOrPrefix, int threads, int maxTrials) {
        database.requireWritable();
        String sweepId = sweepIdOrPrefix == null ? null : queued(sweepIdOrPrefix);
        console.printf("Worker %s takes trials of %s from %s, %d thread(s) each%n", name,
                sweepId == null ? "every queued sweep" : "sweep " + sweepId, location.describe(), threads);
        AtomicReference<Running> current = new AtomicReference<>();
        Thread hook = new Thread(() -> stop(current.get()), "trainyard-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int ran = 0;
        try {
            while (maxTrials == 0 || ran < maxTrials) {
                Instant now = Instant.now();
                runs.recordCrashes(now); // a dead worker's run, so that its trial is taken again
                Optional<TrialQueue.Claim> claim = queue.claim(sweepId, name, now, now.plus(lease()));
                if (claim.isEmpty()) {
                    if (queue.held(sweepId, now) == 0) {
                        break;
                    }
                    sleep(POLL);
                    continue;
                }
                run(claim.get(), threads, current);
                ran++;
                if (queue.finishIfDone(claim.get().sweepId(), Instant.now())) {
                    console.printf("Sweep %s FINISHED: rank its trials with: trainyard compare --sweep %s%n",
                            claim.get().sweepId(), claim.get().sweepId());
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook gives the trial back.
            }
        }
        console.printf("Worker %s ran %d trial(s); %s%n", name, ran, maxTrials > 0 && ran == maxTrials
                ? "it stops at --max-trials" : "no trial is left to take");
        return ran;
    }

    /** The id of the queued sweep the prefix names; a sweep that is not queued has nothing for a worker. */
    private String queued(String sweepIdOrPrefix) {
        SweepRecord sweep = sweeps.find(sweepIdOrPrefix);
        return switch (sweep.status()) {
            case "QUEUED" -> sweep.id();
            case "FINISHED" -> throw new TrainyardException("sweep " + sweep.id() + " FINISHED: every trial has"
                    + " ended, nothing is left to take; rank them with 'trainyard compare --sweep " + sweep.id() + "'");
            default -> throw new TrainyardException("sweep " + sweep.id() + " is " + sweep.status() + ", not queued"
                    + " for workers: the 'trainyard sweep' command that started it runs its trials (run it again to"
                    + " continue it); queue a sweep for workers with 'trainyard sweep FILE --enqueue'");
        };
    }

    private record Running(TrialQueue.Claim claim, Process process) {
    }

    private void run(TrialQueue.Claim claim, int threads, AtomicReference<Running> current) {
        TrialState state = sweeps.trial(claim.sweepId(), claim.trial());
        String label = String.format(Locale.ROOT, "trial %d of sweep %s [%s]", claim.trial(), claim.sweepId(),
                state.trial().label());
        Path log = location.directory().resolve("sweeps").resolve(claim.sweepId())
                .resolve("trial-" + claim.trial() + ".log");
        console.printf("%s %s (log %s)%n", label, state.runId() == null ? "started" : "continues run "
                + state.runId(), log);
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "trainyard-worker-lease");
            thread.setDaemon(true);
            return thread;
        });
        long begin = System.nanoTime();
        int exitCode;
        try {
            Process process = launcher.start(claim.sweepId(), claim.trial(), threads, log);
            current.set(new Running(claim, process));
            long interval = heartbeat.interval().toMillis();
            renewals.scheduleAtFixedRate(() -> renew(claim, process), interval, interval, TimeUnit.MILLISECONDS);
            exitCode = process.waitFor();
        } catch (IOException e) {
            queue.release(claim);
            throw new TrainyardException("cannot start " + label + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainyardException("worker " + name + " was interrupted", e);
        } finally {
            renewals.shutdownNow();
        }
        current.set(null);
        queue.release(claim);
        TrialState after = sweeps.trial(claim.sweepId(), claim.trial());
        List<TrialState> trials = sweeps.trials(claim.sweepId());
        console.printf("%s %s; %d of %d trials of the sweep ended%n", label, TrialOutcome.describe(exitCode, after,
                runQueries, log, (System.nanoTime() - begin) / 1e9), trials.stream().filter(TrialState::ended).count(),
                trials.size());
        if (!TrialOutcome.endedARun(exitCode, after)) {
            // Taking it again here would fail the same way; another machine may run it.
            throw new TrainyardException(label + " could not run on this worker (see " + log + "); it is back in"
                    + " the queue for another");
        }
    }

    /** Extends the claim; a trial another worker has taken meanwhile (this one was suspended too long) stops. */
    private void renew(TrialQueue.Claim claim, Process process) {
        try {
            if (!queue.renew(claim, Instant.now().plus(lease()))) {
                process.destroy();
            }
        } catch (RuntimeException e) {
            // Missed once; the lease outlasts a few misses, and the trial's own heartbeat reports real trouble.
        }
    }

    /** On Ctrl-C or SIGTERM: the trial records that it was killed, and goes back to the queue to be resumed. */
    private void stop(Running running) {
        if (running != null) {
            running.process().destroy();
            try {
                running.process().waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                queue.release(running.claim());
            } catch (RuntimeException e) {
                // The lease lapses on its own.
            }
        }
        database.close();
    }

    private Duration lease() {
        return heartbeat.interval().multipliedBy(Heartbeat.MISSED_BEATS);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainyardException("the worker was interrupted", e);
        }
    }

    /** The machine and process, as a claim records its worker. */
    private static String name() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
