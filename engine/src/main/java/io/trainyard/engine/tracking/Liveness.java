package io.trainyard.engine.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The life of a row that a process keeps alive with heartbeats, a run or a sweep: RUNNING while it beats, CRASHED
 * once {@link Heartbeat#MISSED_BEATS} beats are missed, RUNNING again if a suspended process beats once more, and
 * ended exactly once. One set of statements for both tables, so that they cannot drift apart.
 */
final class Liveness {

    private static final DateTimeFormatter LAST_BEAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);

    private final String table;
    private final String process;

    /**
     * @param table {@code runs} or {@code sweeps}
     * @param process how a crash message names the process, such as "training process"
     */
    Liveness(String table, String process) {
        this.table = table;
        this.process = process;
    }

    /** Confirms the process is alive; a row recorded CRASHED meanwhile is RUNNING again. */
    void heartbeat(Connection connection, String id, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET heartbeat_at = ?,"
                + " status = 'RUNNING', end_time = NULL, error_message = NULL"
                + " WHERE id = ? AND status IN ('RUNNING', 'CRASHED')")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, id);
            update.executeUpdate();
        }
    }

    /**
     * Records how it ended; only a row not yet ended changes, so a late duplicate call is harmless.
     *
     * @param alsoSet further assignments, such as {@code stop_reason = ?}, or empty; their values follow
     */
    void finish(Connection connection, String id, String status, String errorMessage, String alsoSet,
            String... alsoValues) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET status = ?,"
                + " end_time = ?, error_message = ?" + (alsoSet.isEmpty() ? "" : ", " + alsoSet)
                + " WHERE id = ? AND status IN ('RUNNING', 'CRASHED')")) {
            update.setString(1, status);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, RunStore.truncate(errorMessage, 4000));
            int index = 4;
            for (String value : alsoValues) {
                update.setString(index++, value);
            }
            update.setString(index, id);
            update.executeUpdate();
        }
    }

    /**
     * Records as CRASHED every RUNNING row whose heartbeat is older than {@link Heartbeat#MISSED_BEATS} of its
     * intervals: its process died without saying so. Its end time is its last heartbeat. Rows from before
     * heartbeats were recorded count from their start, at the default interval. The deadline is reckoned here rather
     * than in SQL, whose date arithmetic every database spells its own way; a row that beats between the reading and
     * the update keeps RUNNING.
     *
     * @param leftEnd the end a row's process left where the store could not be told ({@link UnrecordedEnd}), by id:
     *     such a row is recorded FAILED with it
     * @return how many were found dead
     */
    int recordCrashes(Connection connection, Instant now, Function<String, Optional<String>> leftEnd)
            throws SQLException {
        List<Object[]> silent = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, COALESCE(heartbeat_at, start_time),"
                + " heartbeat_seconds FROM " + table + " WHERE status = 'RUNNING'");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Timestamp lastBeat = rows.getTimestamp(2);
                long seconds = rows.getLong(3);
                Duration interval = rows.wasNull() ? Heartbeat.DEFAULT.interval() : Duration.ofSeconds(seconds);
                if (lastBeat.toInstant().plus(interval.multipliedBy(Heartbeat.MISSED_BEATS)).isBefore(now)) {
                    silent.add(new Object[] {rows.getString(1), lastBeat});
                }
            }
        }
        int crashed = 0;
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET status = ?,"
                + " end_time = ?, error_message = ? WHERE id = ? AND status = 'RUNNING'"
                + " AND COALESCE(heartbeat_at, start_time) <= ?")) {
            for (Object[] row : silent) {
                Timestamp lastBeat = (Timestamp) row[1];
                Optional<String> left = leftEnd.apply((String) row[0]);
                update.setString(1, left.isPresent() ? "FAILED" : "CRASHED");
                update.setTimestamp(2, lastBeat);
                update.setString(3, left.orElse("the " + process + " stopped without recording an end (killed, out of"
                        + " memory or power loss): no heartbeat since " + LAST_BEAT.format(lastBeat.toInstant())));
                update.setString(4, (String) row[0]);
                update.setTimestamp(5, lastBeat);
                crashed += update.executeUpdate();
            }
        }
        return crashed;
    }
}
