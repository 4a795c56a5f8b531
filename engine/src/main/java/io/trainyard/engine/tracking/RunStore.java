package io.trainyard.engine.tracking;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunStatus;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Writes runs to the database. Each method is one transaction: a run's creation with all its params, an epoch with
 * the steps logged during it, the final status. A failure rolls back and leaves the rows of earlier calls intact.
 */
public final class RunStore {

    private static final Liveness LIVENESS = new Liveness("runs", "training process");

    private final Transactions transactions;
    private final Dialect dialect;
    private final StoreLocation location;

    @Inject
    public RunStore(Database database) {
        this.transactions = new Transactions(database);
        this.dialect = database.dialect();
        this.location = database.location();
    }

    public void create(NewRun run) {
        transactions.run(connection -> {
            long experimentId = experimentId(connection, dialect, run.experiment(), run.start());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (id, experiment_id, name,"
                    + " status, start_time, seed, dataset_sha256, experiment_file, experiment_text, heartbeat_at,"
                    + " heartbeat_seconds, parent_id, sweep_id, trial)"
                    + " VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, run.id());
                insert.setLong(2, experimentId);
                insert.setString(3, run.name());
                insert.setTimestamp(4, Timestamp.from(run.start()));
                insert.setLong(5, run.seed());
                insert.setString(6, run.datasetSha256());
                insert.setString(7, run.experimentFile());
                insert.setString(8, run.experimentText());
                insert.setTimestamp(9, Timestamp.from(run.start()));
                insert.setLong(10, run.heartbeat().interval().toSeconds());
                insert.setString(11, run.lineage().parentId());
                insert.setString(12, run.lineage().sweepId());
                if (run.lineage().sweepId() == null) {
                    insert.setNull(13, Types.INTEGER);
                } else {
                    insert.setInt(13, run.lineage().trial());
                }
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO params (run_id, param_key, value_type, num_value, text_value) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Object> param : run.params().entrySet()) {
                    TypedValue value = TypedValue.of(param.getValue());
                    insert.setString(1, run.id());
                    insert.setString(2, param.getKey());
                    insert.setString(3, value.type());
                    if (value.number() == null) {
                        insert.setNull(4, Types.DOUBLE);
                    } else {
                        insert.setDouble(4, value.number());
                    }
                    insert.setString(5, value.text());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO provenance (run_id, fact_key, fact_value) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> fact : run.provenance().entrySet()) {
                    insert.setString(1, run.id());
                    insert.setString(2, fact.getKey());
                    insert.setString(3, fact.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * The id of the experiment of this name, recorded now if it is new. Looked up first: an experiment run before is
     * the common case, and H2 answers a duplicate with an exception (a message and a stack trace built each time).
     */
    static long experimentId(Connection connection, Dialect dialect, String name, Instant now) throws SQLException {
        OptionalLong known = findExperiment(connection, name);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        try (PreparedStatement insert = connection.prepareStatement(dialect.ignoringDuplicates(
                "INSERT INTO experiments (name, created_at) VALUES (?, ?)", "name"))) {
            insert.setString(1, name);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            // Another process created it since this transaction began (parallel trials).
            if (!Dialect.duplicateKey(e)) {
                throw e;
            }
        }
        return findExperiment(connection, name).orElseThrow();
    }

    private static OptionalLong findExperiment(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM experiments WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Commits an epoch's metrics together with the steps logged since the last commit, and forces them to disk: a
     * process killed right after still has the epoch.
     */
    public void recordEpoch(String runId, EpochResult epoch, List<StepMetric> steps) {
        recordEpoch(runId, epoch, steps, Map.of());
    }

    /** As {@link #recordEpoch(String, EpochResult, List)}, with the metrics callbacks logged for the epoch. */
    public void recordEpoch(String runId, EpochResult epoch, List<StepMetric> steps, Map<String, Double> logged) {
        transactions.durable(connection -> {
            insertSteps(connection, runId, steps);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO epoch_metrics (run_id, epoch,"
                    + " train_loss, train_accuracy, test_loss, test_accuracy, epoch_seconds, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, runId);
                insert.setInt(2, epoch.epoch());
                setNumber(insert, 3, epoch.trainLoss());
                setNumber(insert, 4, epoch.trainAccuracy());
                setNumber(insert, 5, epoch.testLoss());
                setNumber(insert, 6, epoch.testAccuracy());
                setNumber(insert, 7, epoch.seconds());
                insert.setTimestamp(8, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO logged_metrics (run_id, epoch,"
                    + " metric, metric_value) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Double> metric : logged.entrySet()) {
                    insert.setString(1, runId);
                    insert.setInt(2, epoch.epoch());
                    insert.setString(3, metric.getKey());
                    setNumber(insert, 4, metric.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            MetricSummaries.refresh(connection, runId);
        });
    }

    /**
     * Records steps logged within an epoch. Durable with the epoch's commit ({@link #recordEpoch}) or the run's end,
     * not before: a crash in between loses them, as it loses the epoch's training.
     */
    public void recordSteps(String runId, List<StepMetric> steps) {
        if (!steps.isEmpty()) {
            transactions.lazy(connection -> insertSteps(connection, runId, steps));
        }
    }

    /** One packed row for the steps of one write (see {@link StepChunk}). */
    private static void insertSteps(Connection connection, String runId, List<StepMetric> steps) throws SQLException {
        if (steps.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO step_chunks (run_id, first_step, step_count, data) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, runId);
            insert.setLong(2, steps.get(0).step());
            insert.setInt(3, steps.size());
            insert.setBytes(4, StepChunk.pack(steps));
            insert.executeUpdate();
        }
    }

    /**
     * Makes a run that ended (crashed, killed, failed) RUNNING again, to be resumed after epoch {@code epochs}: what
     * it recorded after that epoch (its last checkpoint's) is removed, so the resumed epochs replace it.
     *
     * @param steps the number of batches in the kept epochs; step rows from there on are removed
     * @param heartbeat the interval of the process that continues the run (its first may have had another)
     */
    public void reopen(String runId, int epochs, long steps, Heartbeat heartbeat, Instant now) {
        transactions.durable(connection -> {
            for (String sql : new String[] {"DELETE FROM epoch_metrics WHERE run_id = ? AND epoch > ?",
                "DELETE FROM logged_metrics WHERE run_id = ? AND epoch > ?",
                "DELETE FROM step_chunks WHERE run_id = ? AND first_step >= ?"}) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    delete.setString(1, runId);
                    delete.setLong(2, sql.contains("first_step") ? steps : epochs);
                    delete.executeUpdate();
                }
            }
            MetricSummaries.refresh(connection, runId);
            try (PreparedStatement update = connection.prepareStatement("UPDATE runs SET status = 'RUNNING',"
                    + " end_time = NULL, error_message = NULL, stop_reason = NULL, heartbeat_at = ?,"
                    + " heartbeat_seconds = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, heartbeat.interval().toSeconds());
                update.setString(3, runId);
                update.executeUpdate();
            }
        });
    }

    /**
     * Records a saved model file, replacing the run's previous one of that kind ({@code last} or {@code best}); on
     * disk before it returns, since the previous file is deleted next.
     *
     * @param data the file's bytes, kept in the store itself where workers on other machines may need them (a
     *     store given by URL), or null
     */
    public void recordCheckpoint(String runId, String kind, int epoch, String path, String sha256, String monitor,
            double value, byte[] data) {
        transactions.durable(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM checkpoints WHERE run_id = ? AND kind = ?")) {
                delete.setString(1, runId);
                delete.setString(2, kind);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO checkpoints (run_id, kind, epoch,"
                    + " path, sha256, monitor, metric_value, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, runId);
                insert.setString(2, kind);
                insert.setInt(3, epoch);
                insert.setString(4, path);
                insert.setString(5, sha256);
                insert.setString(6, monitor);
                setNumber(insert, 7, value);
                insert.setBytes(8, data);
                insert.executeUpdate();
            }
        });
    }

    /**
     * Records a file the run logged, replacing the run's artifact of that name.
     *
     * @param path where it is, relative to the store
     * @param data its bytes, where the store keeps them (a store given by URL), or null
     */
    public void recordArtifact(String runId, Artifact artifact, String path, byte[] data) {
        transactions.durable(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM artifacts WHERE run_id = ? AND name = ?")) {
                delete.setString(1, runId);
                delete.setString(2, artifact.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO artifacts (run_id, name, path,"
                    + " size_bytes, sha256, logged_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, runId);
                insert.setString(2, artifact.name());
                insert.setString(3, path);
                insert.setLong(4, artifact.sizeBytes());
                insert.setString(5, artifact.sha256());
                insert.setTimestamp(6, Timestamp.from(artifact.loggedAt()));
                insert.setBytes(7, data);
                insert.executeUpdate();
            }
        });
    }

    /**
     * Confirms the run's process is alive. A run that was recorded CRASHED meanwhile (its process was suspended
     * longer than the heartbeat allows) is RUNNING again.
     */
    public void heartbeat(String runId, Instant now) {
        transactions.run(connection -> LIVENESS.heartbeat(connection, runId, now));
    }

    /**
     * Records as CRASHED every RUNNING run whose heartbeat is older than {@link Heartbeat#MISSED_BEATS} of its
     * intervals: its process died without saying so. Its end time is its last heartbeat. One whose process gave up
     * on the store and left the reason in its folder ({@link UnrecordedEnd}) is recorded FAILED with it.
     *
     * @return how many runs were found dead
     */
    public int recordCrashes(Instant now) {
        int[] crashed = new int[1];
        transactions.run(connection -> crashed[0] = LIVENESS.recordCrashes(connection, now,
                id -> UnrecordedEnd.of(location.runDirectory(id))));
        return crashed[0];
    }

    /**
     * Records how the run ended, on disk before returning (it may run in a shutdown hook, just before the JVM halts).
     * Only a run not yet ended changes, so a late duplicate call is harmless.
     */
    public void finish(String runId, RunStatus status, String errorMessage, String stopReason) {
        transactions.durable(connection -> LIVENESS.finish(connection, runId, status.name(), errorMessage,
                "stop_reason = ?", truncate(stopReason, 1000)));
    }

    /** Whether a failed write failed because the store was out of reach ({@link StoreOutage}). */
    public boolean unreachable(Throwable error) {
        return StoreOutage.isOutage(error, dialect);
    }

    /** NaN and infinities (a diverged loss) are stored as NULL: SQL has no NaN that every client reads back. */
    private static void setNumber(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }

    /** Text cut to a column's length, marked with an ellipsis where cut. */
    static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
