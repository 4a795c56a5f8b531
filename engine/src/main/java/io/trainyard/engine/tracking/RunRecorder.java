package io.trainyard.engine.tracking;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records a run as it trains, without slowing it: the training thread only appends a step to a list every
 * {@code logEvery} batches; database and CSV writes happen on a single writer thread, in order. An epoch's rows are
 * committed before {@link #onEpochEnd} returns, so callbacks after it (and a crash right after it) see the epoch
 * recorded. The same thread writes the run's {@link Heartbeat}, so a live run is never taken for a crashed one.
 */
public final class RunRecorder implements Callback {

    /** Step rows are handed to the writer in chunks of this size within long epochs. */
    private static final int STEP_CHUNK = 1000;

    private final RunStore store;
    private final String runId;
    private final int logEvery;
    private final EpochCsv csv;
    private final Path runDirectory;
    private final Heartbeat heartbeat;
    private final ScheduledExecutorService writer;
    private List<StepMetric> pendingSteps = new ArrayList<>();
    private long step;
    private String errorMessage;

    public RunRecorder(RunStore store, StoreLocation location, String runId, int logEvery, Heartbeat heartbeat) {
        this(store, location, runId, logEvery, heartbeat, List.of(), 0);
    }

    /**
     * A recorder continuing a resumed run.
     *
     * @param kept the run's epochs that stand (rewritten to its CSV file)
     * @param firstStep the global batch index the run continues from
     */
    public RunRecorder(RunStore store, StoreLocation location, String runId, int logEvery, Heartbeat heartbeat,
            List<EpochResult> kept, long firstStep) {
        this.store = store;
        this.runId = runId;
        this.logEvery = logEvery;
        this.heartbeat = heartbeat;
        this.step = firstStep;
        this.runDirectory = location.runDirectory(runId);
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
        long seconds = heartbeat.interval().toSeconds();
        writer.scheduleAtFixedRate(this::beat, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
        if (step % logEvery == 0) {
            pendingSteps.add(new StepMetric(step, epoch, batch, loss, Instant.now()));
            if (pendingSteps.size() >= STEP_CHUNK) {
                List<StepMetric> chunk = takeSteps();
                writer.execute(() -> store.recordSteps(runId, chunk));
            }
        }
        step++;
    }

    @Override
    public void onEpochEnd(RunContext run, EpochResult result) {
        List<StepMetric> steps = takeSteps();
        Map<String, Double> logged = Map.copyOf(run.epochMetrics());
        await(writer.submit(() -> {
            try {
                store.recordEpoch(runId, result, steps, logged);
            } catch (StoreException e) {
                // The database cannot take the epoch (a full disk, say): the run's folder keeps what was trained.
                appendQuietly(result);
                throw e;
            }
            csv.append(result);
            return null;
        }));
    }

    private void appendQuietly(EpochResult result) {
        try {
            csv.append(result);
        } catch (IOException | RuntimeException e) {
            // The same disk refused the file too; the database's error is the one to report.
        }
    }

    @Override
    public void onFailure(RunContext run, Throwable error) {
        errorMessage = error.getMessage() != null ? error.getMessage() : error.toString();
    }

    @Override
    public void onRunEnd(RunContext run, RunStatus status) {
        List<StepMetric> steps = takeSteps();
        try {
            await(writer.submit(() -> {
                store.recordSteps(runId, steps);
                store.finish(runId, status, status == RunStatus.FAILED ? errorMessage : null, run.stopReason());
                csv.close();
                return null;
            }));
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

    private static void await(Future<?> write) {
        try {
            write.get();
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
