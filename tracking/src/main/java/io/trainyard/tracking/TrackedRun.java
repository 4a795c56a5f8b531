package io.trainyard.tracking;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.provenance.Provenance;
import io.trainyard.engine.provenance.ProvenanceCollector;
import io.trainyard.engine.tracking.Artifacts;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunRecorder;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.StoreOutage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of your own code, recorded as it trains: per-step training loss, per-epoch metrics of any name, tags, a
 * note, files (artifacts), a heartbeat (a run whose process dies reads CRASHED), provenance (Trainyard, the JVM, the
 * machine, git's state of the working directory), and how it ended.
 *
 * <p>End it with {@link #finish()}. Closing it without that (an exception left the try-with-resources block) ends
 * it FAILED; a JVM that exits first (System.exit, SIGTERM) ends it KILLED. Every method is safe from several
 * threads. Metrics go to the store on a writer thread: {@link #logStep} never waits for it, {@link #endEpoch}
 * returns once the epoch is committed.
 */
public final class TrackedRun implements AutoCloseable {

    private static final int PARAM_KEY_LIMIT = 300;

    private final String id;
    private final Path directory;
    private final RunRecorder recorder;
    private final RunAnnotations annotations;
    private final Artifacts artifacts;
    private final Consumer<TrackedRun> onEnd;
    private final Thread exitHook;
    /** The metrics logged for the epoch in progress, by name. */
    private final Map<String, Double> epochMetrics = new LinkedHashMap<>();
    private int epoch = 1;
    private int batch;
    private long epochStart = System.nanoTime();
    private RunStatus status;

    private TrackedRun(String id, Path directory, RunRecorder recorder, RunAnnotations annotations,
            Artifacts artifacts, Consumer<TrackedRun> onEnd) {
        this.id = id;
        this.directory = directory;
        this.recorder = recorder;
        this.annotations = annotations;
        this.artifacts = artifacts;
        this.onEnd = onEnd;
        this.exitHook = new Thread(() -> endIfOpen(RunStatus.KILLED, "the JVM exited before the run ended"),
                "trainyard-run-exit-" + id);
    }

    static TrackedRun start(Builder spec, String id, RunStore store, RunAnnotations annotations,
            StoreLocation location, Heartbeat heartbeat, StoreOutage outage, Consumer<TrackedRun> onEnd) {
        // Every step kept (logEvery 1): code that logs a step decided it matters.
        RunRecorder recorder = new RunRecorder(store, location, id, 1, heartbeat, outage);
        try {
            Map<String, String> facts = new LinkedHashMap<>(spec.facts);
            facts.put(Provenance.TRACKED_FROM, mainClass());
            store.create(new NewRun(id, spec.experiment, spec.experiment, Instant.now(), spec.seed, spec.datasetSha256,
                    null, null, spec.params, heartbeat, ProvenanceCollector.ofOwnCode(Path.of(""), facts),
                    Lineage.NONE));
        } catch (RuntimeException e) {
            recorder.discard();
            throw e;
        }
        TrackedRun run = new TrackedRun(id, location.runDirectory(id), recorder, annotations,
                new Artifacts(store, location), onEnd);
        spec.tags.forEach((key, value) -> annotations.tag(id, key, value));
        recorder.start();
        Runtime.getRuntime().addShutdownHook(run.exitHook);
        return run;
    }

    /** The run's id, as {@code trainyard show ID} takes it. */
    public String id() {
        return id;
    }

    /** The run's folder in the store: its {@code epochs.csv}, and a place for files of your own. */
    public Path directory() {
        return directory;
    }

    /** Records one training batch's loss, as step {@code n} of the run (counted from 0). */
    public synchronized void logStep(double trainLoss) {
        requireOpen();
        recorder.step(epoch, batch++, trainLoss);
    }

    /**
     * Logs a metric of the epoch in progress: {@code train_loss}, {@code train_accuracy}, {@code test_loss},
     * {@code test_accuracy} (a fraction, 0 to 1) and {@code epoch_seconds} are the ones every report knows; any
     * other lower-case snake_case name (such as {@code learning_rate}) is kept beside them. Logging a name again
     * within the epoch replaces its value.
     */
    public synchronized void logMetric(String name, double value) {
        requireOpen();
        try {
            epochMetrics.put(MetricNames.BUILT_IN.contains(name) ? name : MetricNames.check(name), value);
        } catch (IllegalArgumentException e) {
            throw new TrainyardException(e.getMessage(), e);
        }
    }

    /**
     * Ends the epoch in progress and records it with the metrics logged for it (those not logged read as missing;
     * {@code epoch_seconds}, unless logged, is the time since the previous epoch ended or the run started).
     * Returns once the store has it (or, while the store is out of reach, once the run's {@code epochs.csv} has).
     *
     * @return the number of the epoch recorded, from 1
     */
    public synchronized int endEpoch() {
        requireOpen();
        epochMetrics.putIfAbsent("epoch_seconds", (System.nanoTime() - epochStart) / 1e9);
        EpochResult result = EpochResult.of(epoch, epochMetrics);
        Map<String, Double> logged = new LinkedHashMap<>(epochMetrics);
        logged.keySet().removeAll(MetricNames.BUILT_IN);
        recorder.epoch(result, logged);
        epochMetrics.clear();
        epochStart = System.nanoTime();
        batch = 0;
        return epoch++;
    }

    /** {@link #logMetric} for each of {@code metrics}, then {@link #endEpoch()}. */
    public synchronized int logEpoch(Map<String, ? extends Number> metrics) {
        metrics.forEach((name, value) -> logMetric(name, value.doubleValue()));
        return endEpoch();
    }

    /** Sets a tag (a null value removes it), at once, as {@code trainyard tag} does. */
    public void tag(String key, String value) {
        annotations.tag(id, key, value);
    }

    /** Replaces the run's note (null clears it), as {@code trainyard note} does. */
    public void note(String text) {
        annotations.note(id, text);
    }

    /** {@link #logArtifact(Path, String)} under the file's own name. */
    public String logArtifact(Path file) {
        return logArtifact(file, file.getFileName().toString());
    }

    /**
     * Keeps a copy of {@code file} with the run, as {@code name} (a relative path such as {@code plots/loss.png};
     * logging a name again replaces its file), and records its size and SHA-256, at once. {@code trainyard show}
     * lists the run's artifacts; a store given by URL keeps their bytes as well, for other machines.
     *
     * @return the file's SHA-256, as recorded
     */
    public String logArtifact(Path file, String name) {
        requireOpen();
        return artifacts.log(id, file, name).sha256();
    }

    /** Ends the run FINISHED. */
    public void finish() {
        end(RunStatus.FINISHED, null, null);
    }

    /** Ends the run FINISHED before what was planned, saying why (early stopping, say). */
    public void finishEarly(String reason) {
        end(RunStatus.FINISHED, null, reason);
    }

    /** Ends the run FAILED with the error's message. */
    public void fail(Throwable error) {
        end(RunStatus.FAILED, error.getMessage() != null ? error.getMessage() : error.toString(), null);
    }

    /** How the run ended, or null while it is open. */
    public synchronized RunStatus status() {
        return status;
    }

    /** Ends the run FAILED unless it was ended: an exception (or a return without {@link #finish()}) got here. */
    @Override
    public void close() {
        endIfOpen(RunStatus.FAILED, "the run was closed without finish(): its code stopped before the end");
    }

    void endIfOpen(String reason) {
        endIfOpen(RunStatus.FAILED, reason);
    }

    private synchronized void endIfOpen(RunStatus ending, String reason) {
        if (status == null) {
            end(ending, reason, null);
        }
    }

    private synchronized void end(RunStatus ending, String error, String stopReason) {
        requireOpen();
        status = ending;
        try {
            recorder.end(ending, error, stopReason);
        } finally {
            onEnd.accept(this);
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException exiting) {
                // Called from the hook itself, as the JVM exits.
            }
        }
    }

    private void requireOpen() {
        if (status != null) {
            throw new TrainyardException("run " + id + " has ended (" + status + "); start a new run to log more");
        }
    }

    /** The class whose main method started the process, without its arguments (which may hold secrets). */
    private static String mainClass() {
        String command = System.getProperty("sun.java.command", "");
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    /** What a run is before it starts: its experiment, params, seed, tags and facts of your own. */
    public static final class Builder {

        private final Tracker tracker;
        private final String experiment;
        private final Map<String, Object> params = new LinkedHashMap<>();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final Map<String, String> facts = new LinkedHashMap<>();
        private long seed;
        private String datasetSha256;

        Builder(Tracker tracker, String experiment) {
            if (experiment == null || !ExperimentResolver.isValidName(experiment)) {
                throw new TrainyardException("an experiment name must be 1 to " + ExperimentResolver.NAME_LIMIT
                        + " characters, not blank and without control characters");
            }
            this.tracker = tracker;
            this.experiment = experiment;
        }

        /**
         * A hyperparameter: a number, a boolean, a string or a list of them. Keys are dotted
         * ({@code optimizer.lr}), as filters name them ({@code params.optimizer.lr > 0.01}).
         */
        public Builder param(String key, Object value) {
            if (key == null || !key.matches("[A-Za-z_][A-Za-z0-9_.-]*") || key.length() > PARAM_KEY_LIMIT) {
                throw new TrainyardException("cannot use '" + key + "' as a param key; write it with letters, digits,"
                        + " '_', '.' or '-', starting with a letter or '_', at most " + PARAM_KEY_LIMIT
                        + " characters");
            }
            if (!(value == null || value instanceof Number || value instanceof Boolean || value instanceof String
                    || value instanceof List<?>)) {
                throw new TrainyardException("param " + key + " is a " + value.getClass().getSimpleName()
                        + "; give a number, a boolean, a string or a list of them");
            }
            // A float as written (0.1f is 0.1, not 0.10000000149011612).
            params.put(key, value instanceof Float ? Double.valueOf(value.toString()) : value);
            return this;
        }

        public Builder params(Map<String, ?> values) {
            values.forEach(this::param);
            return this;
        }

        /** The seed your code used, recorded with the run (and as param {@code seed}, which groups repeats). */
        public Builder seed(long value) {
            this.seed = value;
            params.put("seed", value);
            return this;
        }

        public Builder tag(String key, String value) {
            RunAnnotations.checkTag(key, value);
            tags.put(key, value);
            return this;
        }

        /** The SHA-256 of the data trained on, so that runs on other data can be told apart. */
        public Builder dataset(String sha256) {
            this.datasetSha256 = sha256;
            return this;
        }

        /** A provenance fact of your own ({@code model.library = dl4j 1.0.0-M2.1}). */
        public Builder fact(String key, String value) {
            facts.put(key, value);
            return this;
        }

        /** Records the run RUNNING and starts its heartbeat. */
        public TrackedRun start() {
            return tracker.start(this);
        }
    }
}
