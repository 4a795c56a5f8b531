package io.trainyard.engine.checkpoint;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.api.model.Model;
import io.trainyard.engine.tracking.KeptFile;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.Sha256;
import io.trainyard.engine.tracking.StoreException;
import io.trainyard.engine.tracking.StoreLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Saves the model at the end of every epoch into the run's folder: {@code last-epochN.model}, and
 * {@code best-epochN.model} whenever the monitored metric improves (test accuracy when there is one, else test
 * loss), the same file under a second name where the file system allows. A file is written whole under its own
 * name, then recorded with its SHA-256, and only then are the kind's older files deleted, all but the previous one:
 * whenever the process dies, the record points at a complete file that matches it. A store
 * given by URL (PostgreSQL, an H2 server) keeps the bytes as well, so that a worker on another machine resumes
 * from them, unless the run folders are on a directory every machine mounts.
 * The training thread only encodes the model into a buffer kept from epoch to epoch (3-7 ms for the reference
 * model's 11 MB; 110-190 ms into fresh memory); hashing, writing and recording happen on a thread of their own, one
 * epoch after another, and a failure surfaces at the next epoch's end or the run's.
 */
public final class CheckpointRecorder implements Callback {

    public static final String LAST = "last";
    public static final String BEST = "best";

    private final RunStore store;
    private final String runId;
    private final Path storeDirectory;
    /** Whether the files' bytes go into the store too ({@link StoreLocation#keepsFileBytes()}). */
    private final boolean shared;
    private final Path directory;
    private final Model model;
    private final List<Callback> callbacks;
    private double best;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "trainyard-checkpoints");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> pending = CompletableFuture.completedFuture(null);
    /** Written by the training thread only after the previous checkpoint's write is done. */
    private final CheckpointBuffer buffer;

    /**
     * @param callbacks the experiment's callbacks, whose state goes into each checkpoint
     * @param best the best monitored value so far (a resumed run's), or NaN
     */
    public CheckpointRecorder(RunStore store, StoreLocation location, String runId, Model model,
            List<Callback> callbacks, double best) {
        this.store = store;
        this.runId = runId;
        this.storeDirectory = location.directory();
        this.shared = location.keepsFileBytes();
        this.directory = location.runDirectory(runId);
        this.model = model;
        // Room for the parameters and optimizer state twice their size (Adam's two moments), as doubles: the first
        // checkpoint then grows the buffer at most once (beyond 256 MB it grows as it goes).
        this.buffer = new CheckpointBuffer((int) Math.min(1 << 28, 3L * Double.BYTES * model.parameters().count()
                + 1024));
        this.callbacks = List.copyOf(callbacks);
        this.best = best;
    }

    @Override
    public void onEpochEnd(RunContext run, EpochResult result) {
        boolean accuracy = !Double.isNaN(result.testAccuracy());
        String monitor = accuracy ? "test_accuracy" : "test_loss";
        double value = accuracy ? result.testAccuracy() : result.testLoss();
        boolean improved = Double.isNaN(best) || (accuracy ? value > best : value < best);
        if (improved) {
            best = value;
        }
        await();
        ModelFile.encode(model, run.optimizer(), callbacks, buffer);
        byte[] data = buffer.array();
        int length = buffer.size();
        pending = writer.submit(() -> {
            String sha256 = Sha256.of(data, length);
            Path last = save(LAST, result.epoch(), data, length, sha256, monitor, value, null);
            if (improved) {
                save(BEST, result.epoch(), data, length, sha256, monitor, value, last);
            }
        });
    }

    @Override
    public void onRunEnd(RunContext run, RunStatus status) {
        try {
            await();
        } finally {
            writer.shutdown();
        }
    }

    private void await() {
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving a checkpoint", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("saving a checkpoint failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Saves the first {@code length} bytes of {@code data} as the kind's file of the epoch, returned; as a second name
     * of {@code sameBytes} (the epoch's other kind of file, never changed once written) where that file exists and
     * the file system links files: the best checkpoint of an epoch that improved costs no second copy.
     */
    private Path save(String kind, int epoch, byte[] data, int length, String sha256, String monitor,
            double value, Path sameBytes) {
        try {
            Path target = directory.resolve(kind + "-epoch" + epoch + ".model");
            if (sameBytes == null || !KeptFile.link(target, sameBytes)) {
                KeptFile.write(target, data, length);
            }
            // Relative to the store, so that a store moved or copied elsewhere still finds its files.
            try {
                store.recordCheckpoint(runId, kind, epoch, storeDirectory.relativize(target).toString(), sha256,
                        monitor, value, shared ? Arrays.copyOf(data, length) : null);
            } catch (StoreException e) {
                if (store.unreachable(e)) {
                    // The store is away (the run's recorder waits it out): the recorded file stays, and the next
                    // epoch's checkpoint is recorded once the store answers again.
                    return target;
                }
                throw e;
            }
            deleteAllButTheNewestTwo(kind);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the " + kind + " checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the kind's files but the newest two. The one before the newest stays as well: a database server that
     * dies just after a commit may come back without it (it happened with H2's server in a killed sweep), and
     * the record it goes back to still finds its file.
     */
    private void deleteAllButTheNewestTwo(String kind) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> saved = Files.newDirectoryStream(directory, kind + "-epoch*.model")) {
            saved.forEach(files::add);
        }
        files.sort(Comparator.comparingInt(CheckpointRecorder::epochOf).reversed());
        for (Path file : files.subList(Math.min(2, files.size()), files.size())) {
            Files.delete(file);
        }
    }

    private static int epochOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(name.indexOf("-epoch") + "-epoch".length(), name.length()
                - ".model".length()));
    }
}
