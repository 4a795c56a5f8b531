package io.trainyard.tracking;

import io.trainyard.engine.run.RunIds;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.StoreOutage;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Trainyard store opened to record runs of your own code. Open one per process and share it: it is safe to use
 * from several threads, and each run it starts is too. Closing it ends the runs still open as FAILED.
 *
 * <pre>{@code
 * try (Tracker tracker = Tracker.open();
 *         TrackedRun run = tracker.newRun("my-model").param("lr", 0.01).seed(42).start()) {
 *     for (int epoch = 1; epoch <= epochs; epoch++) {
 *         for (...) { run.logStep(loss); }
 *         run.logEpoch(Map.of("train_loss", trainLoss, "test_accuracy", accuracy));
 *     }
 *     run.finish();
 * }
 * }</pre>
 */
public final class Tracker implements AutoCloseable {

    private final StoreLocation location;
    private final Database database;
    private final RunStore store;
    private final RunAnnotations annotations;
    private final Heartbeat heartbeat;
    private final StoreOutage outage;
    private final RunIds ids = new RunIds();
    private final Set<TrackedRun> open = ConcurrentHashMap.newKeySet();

    private Tracker(StoreLocation location, Map<String, String> environment) {
        this.location = location;
        this.heartbeat = Heartbeat.fromEnvironment(environment);
        this.outage = StoreOutage.fromEnvironment(environment);
        this.database = new Database(location);
        try {
            database.requireWritable();
            this.store = new RunStore(database);
            this.annotations = new RunAnnotations(database);
            // Runs whose process died long ago read CRASHED, as every command that opens the store makes them.
            store.recordCrashes(Instant.now());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The store the command line would use: {@code TRAINYARD_STORE}, else {@code trainyard-runs} in the working
     * directory.
     */
    public static Tracker open() {
        return open(null);
    }

    /**
     * @param store a store directory or a database URL, as {@code --store} takes (passwords from
     *     {@code PGPASSWORD} or {@code ~/.pgpass}, never in the URL); null for {@link #open()}'s
     */
    public static Tracker open(String store) {
        Map<String, String> environment = System.getenv();
        return new Tracker(StoreLocation.resolve(store, environment), environment);
    }

    /** Where runs are recorded, as the command line names it (never with a password). */
    public String store() {
        return location.describe();
    }

    /** A run to describe, then {@link TrackedRun.Builder#start()}. */
    public TrackedRun.Builder newRun(String experiment) {
        return new TrackedRun.Builder(this, experiment);
    }

    TrackedRun start(TrackedRun.Builder spec) {
        TrackedRun run = TrackedRun.start(spec, ids.next(), store, annotations, location, heartbeat, outage,
                open::remove);
        open.add(run);
        return run;
    }

    /** Ends the runs still open as FAILED, then closes the store. */
    @Override
    public void close() {
        try {
            for (TrackedRun run : open) {
                run.endIfOpen("the tracker was closed before the run ended");
            }
        } finally {
            database.close();
        }
    }
}
