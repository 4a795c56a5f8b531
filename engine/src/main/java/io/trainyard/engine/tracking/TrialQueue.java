package io.trainyard.engine.tracking;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The trials of QUEUED sweeps, taken by workers on any number of machines. A worker claims the next trial that has
 * no result, no live run and no live claim, with {@code SELECT ... FOR UPDATE SKIP LOCKED} (workers claiming at once
 * each lock a different row instead of queueing behind one) and a conditional update that lets exactly one claim
 * win whatever the database. A claim is a lease that its worker renews while the trial trains; a worker that
 * dies stops renewing it, its run is recorded CRASHED once its heartbeat is silent, and the trial is claimed again
 * (and resumed from its last checkpoint).
 */
public final class TrialQueue {

    /** A trial's latest run; a trial attempted again keeps its earlier runs, which no longer count. */
    private static final String LATEST_RUN = "r.sweep_id = t.sweep_id AND r.trial = t.trial AND "
            + SweepQueries.LATEST_RUN;
    private static final String OF_QUEUED_SWEEP = "t.sweep_id IN (SELECT s.id FROM sweeps s WHERE s.status = 'QUEUED')";
    /** The trial has a result: its latest run FINISHED or FAILED (as {@link TrialState#ended()}). */
    private static final String ENDED = "EXISTS (SELECT 1 FROM runs r WHERE " + LATEST_RUN
            + " AND r.status IN ('FINISHED', 'FAILED'))";
    private static final String TRAINING = "EXISTS (SELECT 1 FROM runs r WHERE " + LATEST_RUN
            + " AND r.status = 'RUNNING')";
    /** A trial that needs a worker: no result, no live run. Its claim is checked separately. */
    private static final String OPEN = OF_QUEUED_SWEEP + " AND NOT " + ENDED + " AND NOT " + TRAINING;
    private static final String UNCLAIMED = "(t.claim_expires_at IS NULL OR t.claim_expires_at < ?)";

    /** A claimed trial. */
    public record Claim(String sweepId, int trial, String worker) {
    }

    private final Transactions transactions;
    private final StoreReads reads;

    @Inject
    public TrialQueue(Database database) {
        this.transactions = new Transactions(database);
        this.reads = new StoreReads(database);
    }

    /**
     * Claims the next open trial, of {@code sweepId} or of any queued sweep (the oldest sweep first, then trial
     * order), for {@code worker} until {@code until}.
     *
     * @param sweepId a sweep's id, or null for any
     */
    public Optional<Claim> claim(String sweepId, String worker, Instant now, Instant until) {
        Claim[] claimed = new Claim[1];
        transactions.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT t.sweep_id, t.trial"
                    + " FROM sweep_trials t WHERE " + OPEN + " AND " + UNCLAIMED
                    + (sweepId == null ? "" : " AND t.sweep_id = ?")
                    + " ORDER BY t.sweep_id, t.trial LIMIT 1 FOR UPDATE SKIP LOCKED")) {
                select.setTimestamp(1, Timestamp.from(now));
                if (sweepId != null) {
                    select.setString(2, sweepId);
                }
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        return;
                    }
                    Claim claim = new Claim(result.getString(1), result.getInt(2), worker);
                    if (lease(connection, claim, until, UNCLAIMED, now) == 1) {
                        claimed[0] = claim;
                    }
                }
            }
        });
        return Optional.ofNullable(claimed[0]);
    }

    /** Extends the claim while its trial trains; false if another worker has taken the trial meanwhile. */
    public boolean renew(Claim claim, Instant until) {
        int[] renewed = new int[1];
        transactions.run(connection -> renewed[0] = lease(connection, claim, until, "t.worker = ?", claim.worker()));
        return renewed[0] == 1;
    }

    /** Gives the trial back: it ended, or its worker stops. */
    public void release(Claim claim) {
        transactions.run(connection -> lease(connection, claim, null, "t.worker = ?", claim.worker()));
    }

    private static int lease(Connection connection, Claim claim, Instant until, String condition, Object value)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sweep_trials t SET worker = ?,"
                + " claim_expires_at = ? WHERE t.sweep_id = ? AND t.trial = ? AND " + condition)) {
            update.setString(1, until == null ? null : claim.worker());
            update.setTimestamp(2, until == null ? null : Timestamp.from(until));
            update.setString(3, claim.sweepId());
            update.setInt(4, claim.trial());
            if (value instanceof Instant instant) {
                update.setTimestamp(5, Timestamp.from(instant));
            } else {
                update.setString(5, (String) value);
            }
            return update.executeUpdate();
        }
    }

    /**
     * How many open trials a live worker holds, of {@code sweepId} or of any queued sweep: while there are any, a
     * worker with nothing to claim waits, since a worker that dies gives its trial back.
     */
    public int held(String sweepId, Instant now) {
        return reads.query("SELECT COUNT(*) FROM sweep_trials t WHERE " + OF_QUEUED_SWEEP + " AND NOT " + ENDED
                + " AND (t.claim_expires_at >= ? OR " + TRAINING + ")"
                + (sweepId == null ? "" : " AND t.sweep_id = ?"), statement -> {
                    statement.setTimestamp(1, Timestamp.from(now));
                    if (sweepId != null) {
                        statement.setString(2, sweepId);
                    }
                }, result -> result.next() ? result.getInt(1) : 0);
    }

    /** Records a queued sweep FINISHED once every one of its trials has a result; true if it did. */
    public boolean finishIfDone(String sweepId, Instant now) {
        int[] finished = new int[1];
        transactions.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sweeps SET status = 'FINISHED',"
                    + " end_time = ? WHERE id = ? AND status = 'QUEUED' AND NOT EXISTS (SELECT 1 FROM sweep_trials t"
                    + " WHERE t.sweep_id = ? AND NOT " + ENDED + ")")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, sweepId);
                update.setString(3, sweepId);
                finished[0] = update.executeUpdate();
            }
        });
        return finished[0] == 1;
    }
}
