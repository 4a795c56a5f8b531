package io.trainyard.engine.tracking;

import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes sweeps: the parent record with its planned trials, its liveness and how it ended. */
public final class SweepStore {

    private static final Liveness LIVENESS = new Liveness("sweeps", "sweep process");

    private final Transactions transactions;

    @Inject
    public SweepStore(Database database) {
        this.transactions = new Transactions(database);
    }

    /**
     * Records a new sweep and every trial it plans, in one transaction: RUNNING in this process, which keeps its
     * heartbeat, or QUEUED for workers.
     */
    public void create(SweepRecord sweep, List<Trial> trials, Heartbeat heartbeat) {
        transactions.durable(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sweeps (id, name, status,"
                    + " start_time, method, repeats, definition_sha256, experiment_file, experiment_text, overrides,"
                    + " heartbeat_at, heartbeat_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sweep.id());
                insert.setString(2, sweep.name());
                insert.setString(3, sweep.status());
                insert.setTimestamp(4, Timestamp.from(sweep.start()));
                insert.setString(5, sweep.method());
                insert.setInt(6, sweep.repeats());
                insert.setString(7, sweep.definitionSha256());
                insert.setString(8, sweep.experimentFile());
                insert.setString(9, sweep.experimentText());
                insert.setString(10, String.join("\n", sweep.overrides()));
                insert.setTimestamp(11, Timestamp.from(sweep.start()));
                insert.setLong(12, heartbeat.interval().toSeconds());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sweep_trials (sweep_id, trial,"
                    + " configuration, repeat_index, assignments) VALUES (?, ?, ?, ?, ?)")) {
                for (Trial trial : trials) {
                    insert.setString(1, sweep.id());
                    insert.setInt(2, trial.number());
                    insert.setInt(3, trial.configuration());
                    insert.setInt(4, trial.repeat());
                    insert.setString(5, String.join("\n", trial.assignments()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** A sweep that ended before all its trials did is RUNNING again, continued by this process. */
    public void reopen(String sweepId, Heartbeat heartbeat, Instant now) {
        transactions.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sweeps SET status = 'RUNNING',"
                    + " end_time = NULL, error_message = NULL, heartbeat_at = ?, heartbeat_seconds = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, heartbeat.interval().toSeconds());
                update.setString(3, sweepId);
                update.executeUpdate();
            }
        });
    }

    /** Confirms the sweep's process is alive (a sweep recorded CRASHED meanwhile is RUNNING again). */
    public void heartbeat(String sweepId, Instant now) {
        transactions.run(connection -> LIVENESS.heartbeat(connection, sweepId, now));
    }

    /** Records how the sweep ended, on disk before returning (it may run in a shutdown hook). */
    public void finish(String sweepId, String status, String errorMessage) {
        transactions.durable(connection -> LIVENESS.finish(connection, sweepId, status, errorMessage, ""));
    }

    /** Records as CRASHED every RUNNING sweep whose process stopped beating, as {@link RunStore#recordCrashes}. */
    public void recordCrashes(Instant now) {
        transactions.run(connection -> LIVENESS.recordCrashes(connection, now, id -> Optional.empty()));
    }
}
