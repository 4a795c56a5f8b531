package io.trainyard.engine.tracking;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Records a run as it trains, without slowing it: the training thread only appends a step to a list every
 * {@code logEvery} batches; database writes happen on a single writer thread, in order. An epoch's rows are
 * committed before {@link #onEpochEnd} returns, then appended to the run's {@code epochs.csv}, so callbacks after it
 * (and a crash right after it) see the epoch recorded, and the database has every epoch the file has. The same
 * thread writes the run's {@link Heartbeat}, so a live run is never taken for a crashed one.
 *
 * <p>When the store is out of reach (a database server restarting), training goes on: each epoch goes to
 * {@code epochs.csv} at once, and the writer holds what it could not write, in order, and tries again with growing
 * pauses; step metrics beyond {@link #MAX_HELD_CHUNKS} chunks are dropped rather than held. Once the outage
 * outlasts {@link StoreOutage#limit()}, the run stops FAILED at its next batch, its finished epochs in
 * {@code epochs.csv}.
 */
public final class RunRecorder implements Callback {

    /** Step rows are handed to the writer in chunks of this size within long epochs. */
    private static final int STEP_CHUNK = 1000;
    /** Step chunks held while the store is out of reach, at most: 100 000 steps, about 6 MB. */
    static final int MAX_HELD_CHUNKS = 100;
    /** How often a training thread waiting for its epoch's commit looks whether the store went out of reach. */
    private static final long WAIT_SLICE_MILLIS = 100;

    private final RunStore store;
    private final String runId;
    private final int logEvery;
    private final EpochCsv csv;
    private final Path runDirectory;
    private final StoreLocation location;
    private final Heartbeat heartbeat;
    private final StoreOutage outage;
    private final ScheduledExecutorService writer;
    /** Step chunks handed to the writer and not yet written. */
    private final AtomicInteger heldChunks = new AtomicInteger();
    /** Since when the store has been out of reach (System.nanoTime), or 0 while it answers. */
    private volatile long unreachableSince;
    /** Set once the store has been out of reach longer than the limit: the run stops with it. */
    private volatile StoreException gone;

    private List<StepMetric> pendingSteps = new ArrayList<>();
    private long step;
    private String errorMessage;

    public RunRecorder(RunStore store, StoreLocation location, String runId, int logEvery, Heartbeat heartbeat,
            StoreOutage outage) {
        this(store, location, runId, logEvery, heartbeat, outage, List.of(), 0);
    }

    /**
     * A recorder continuing a resumed run.
     *
     * @param kept the run's epochs that stand (rewritten to its CSV file)
     * @param firstStep the global batch index the run continues from
     */
    public RunRecorder(RunStore store, StoreLocation location, String runId, int logEvery, Heartbeat heartbeat,
            StoreOutage outage, List<EpochResult> kept, long firstStep) {
        this.store = store;
        this.runId = runId;
        this.logEvery = logEvery;
        this.heartbeat = heartbeat;
        this.outage = outage;
        this.step = firstStep;
        this.runDirectory = location.runDirectory(runId);
        this.location = location;
        UnrecordedEnd.clear(runDirectory); // a resumed run's earlier outage is over
        try {
            this.csv = new EpochCsv(location.runDirectory(runId), kept);
        } catch (IOException e) {
            throw new StoreException("cannot write " + location.runDirectory(runId) + ": " + e.getMessage(), e);
        }
        this.writer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "trainyard-recorder-" + runId);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onRunStart(RunContext run) {
        start();
    }

    /** Starts the run's heartbeat. */
    public void start() {
        long seconds = heartbeat.interval().toSeconds();
        // With a fixed delay, not rate: beats that a slow store delayed never queue up ahead of the run's writes.
        writer.scheduleWithFixedDelay(this::beat, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
        step(epoch, batch, loss);
    }

    /**
     * Counts a training batch, keeping its loss every {@code logEvery} batches; on the calling thread, never
     * waiting for the store.
     */
    public void step(int epoch, int batch, double loss) {
        if (gone != null) {
            throw gone;
        }
        if (step % logEvery == 0) {
            pendingSteps.add(new StepMetric(step, epoch, batch, loss, Instant.now()));
            if (pendingSteps.size() >= STEP_CHUNK) {
                List<StepMetric> chunk = takeSteps();
                // Beyond the bound (the store has been away a long while) a chunk is dropped: memory stays bounded.
                if (heldChunks.get() < MAX_HELD_CHUNKS) {
                    heldChunks.incrementAndGet();
                    writer.execute(() -> {
                        try {
                            persist(() -> store.recordSteps(runId, chunk), null);
                        } catch (StoreException e) {
                            // The epoch's write, next in line, reports the same trouble.
                        } finally {
                            heldChunks.decrementAndGet();
                        }
                    });
                }
            }
        }
        step++;
    }

    @Override
    public void onEpochEnd(RunContext run, EpochResult result) {
        epoch(result, run.epochMetrics());
    }

    /**
     * Records an epoch with the metrics logged for it, committed before it returns (unless the store is out of
     * reach: then it is held and retried, and the run's {@code epochs.csv} has it at once).
     */
    public void epoch(EpochResult result, Map<String, Double> loggedMetrics) {
        if (gone != null) {
            throw gone;
        }
        List<StepMetric> steps = takeSteps();
        Map<String, Double> logged = Map.copyOf(loggedMetrics);
        CompletableFuture<Void> attempted = new CompletableFuture<>();
        writer.execute(() -> {
            try {
                persist(() -> store.recordEpoch(runId, result, steps, logged), attempted);
            } catch (RuntimeException | Error e) {
                // Whatever went wrong, the training thread waits on this: it must hear of it (then it fails the run).
                attempted.completeExceptionally(e);
            }
        });
        try {
            await(attempted, true);
        } catch (RuntimeException e) {
            // The database refused the epoch (a full disk, say): the run's folder keeps what was trained.
            try {
                csv.append(result);
            } catch (IOException | RuntimeException ignored) {
                // The same disk refused the file too; the database's error is the one to report.
            }
            throw e;
        }
        // After the commit, so the database has every epoch of the file; while the store is out of reach, at once.
        try {
            csv.append(result);
        } catch (IOException e) {
            throw new StoreException("cannot write " + runDirectory.resolve("epochs.csv") + ": "
                    + StoreErrors.describe(e, location), e);
        }
    }

    /**
     * Runs a write on the writer thread, again and again while the store is out of reach, up to the outage limit.
     *
     * @param attempted completed after the first attempt (also when it found the store away, so that training
     *     goes on), or null
     */
    private void persist(Runnable write, CompletableFuture<Void> attempted) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                unreachableSince = 0;
                if (attempted != null) {
                    attempted.complete(null);
                }
                return;
            } catch (StoreException e) {
                if (gone != null || !store.unreachable(e)) {
                    throw e;
                }
                long now = System.nanoTime();
                if (unreachableSince == 0) {
                    unreachableSince = now;
                }
                if (attempted != null) {
                    attempted.complete(null);
                }
                if (Duration.ofNanos(now - unreachableSince).compareTo(outage.limit()) >= 0) {
                    gone = new StoreException("the store has been out of reach for more than "
                            + outage.limit().toSeconds() + " s (TRAINYARD_STORE_OUTAGE_SECONDS): "
                            + StoreErrors.describe(e) + "; the run stops, its finished epochs in "
                            + runDirectory.resolve("epochs.csv"), e);
                    UnrecordedEnd.leave(runDirectory, gone.getMessage());
                    throw gone;
                }
                sleep(StoreOutage.pause(attempt + 1));
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        }
    }

    @Override
    public void onFailure(RunContext run, Throwable error) {
        errorMessage = error.getMessage() != null ? error.getMessage() : error.toString();
    }

    @Override
    public void onRunEnd(RunContext run, RunStatus status) {
        end(status, status == RunStatus.FAILED ? errorMessage : null, run.stopReason());
    }

    /**
     * Writes what is left and the run's end; waits for the store as long as {@link StoreOutage#limit()} allows.
     *
     * @param error why a FAILED run failed, or null
     * @param stopReason why a run stopped before its planned epochs, or null
     */
    public void end(RunStatus status, String error, String stopReason) {
        List<StepMetric> steps = takeSteps();
        try {
            await(writer.submit(() -> {
                try {
                    persist(() -> {
                        store.recordSteps(runId, steps);
                        store.finish(runId, status, error, stopReason);
                    }, null);
                } finally {
                    csv.close();
                }
                return null;
            }), false);
        } finally {
            writer.shutdown();
        }
    }

    /** Undoes a run the database refused to record: its folder, with nothing in it but the CSV header, goes. */
    public void discard() {
        writer.shutdown();
        try {
            csv.close();
            try (Stream<Path> files = Files.walk(runDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // Left behind: an empty folder, harmless beside the refusal the caller reports.
        }
    }

    /** A failed heartbeat must not end the schedule: the next one may succeed, and epoch writes report real trouble. */
    private void beat() {
        if (unreachableSince != 0 || gone != null) {
            return; // the held writes ask already; the first beat after them revives a run taken for crashed
        }
        try {
            store.heartbeat(runId, Instant.now());
        } catch (StoreException e) {
            // Missed once; three in a row would mark the run CRASHED, which a later beat undoes.
        }
    }

    private List<StepMetric> takeSteps() {
        List<StepMetric> taken = pendingSteps;
        pendingSteps = new ArrayList<>();
        return taken;
    }

    /**
     * Waits for a write on the writer thread and rethrows its failure.
     *
     * @param unlessUnreachable stop waiting once the store is out of reach (the epoch's commit: training goes on)
     */
    private void await(Future<?> write, boolean unlessUnreachable) {
        while (true) {
            try {
                if (unlessUnreachable) {
                    write.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    write.get();
                }
                return;
            } catch (TimeoutException e) {
                if (unreachableSince != 0) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while recording the run", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException runtime ? runtime
                        : new StoreException("recording the run failed: " + StoreErrors.describe(cause), cause);
            }
        }
    }
}
