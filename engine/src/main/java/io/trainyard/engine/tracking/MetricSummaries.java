package io.trainyard.engine.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keeps {@code metric_summaries} (first, last, min and max of each run's metrics, with their epochs; the earliest
 * epoch on ties) and each run's epoch count ({@code runs.epochs}) equal to what the epochs say. Recomputed from a
 * run's epochs inside the transaction that records an epoch: a run has at most thousands of epochs, and the summary
 * can never drift from them.
 */
public final class MetricSummaries {

    private MetricSummaries() {
    }

    static void refresh(Connection connection, String runId) throws SQLException {
        run(connection, " WHERE run_id = ?", runId);
    }

    /** Recomputes every run's summaries at once, for bulk loads that bypass {@link RunStore}. */
    public static void refreshAll(Connection connection) throws SQLException {
        run(connection, "", null);
    }

    private static void run(Connection connection, String where, String runId) throws SQLException {
        String[] statements = {
            "DELETE FROM metric_summaries" + where,
            "INSERT INTO metric_summaries (run_id, metric, first_value, first_epoch, last_value, last_epoch,"
                    + " min_value, min_epoch, max_value, max_epoch)"
                    + " SELECT run_id, metric, 0, MIN(epoch), 0, MAX(epoch), MIN(metric_value), 0, MAX(metric_value),"
                    + " 0 FROM epoch_values" + where + " GROUP BY run_id, metric",
            "UPDATE metric_summaries s SET"
                    + " first_value = (SELECT v.metric_value FROM epoch_values v"
                    + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.epoch = s.first_epoch),"
                    + " last_value = (SELECT v.metric_value FROM epoch_values v"
                    + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.epoch = s.last_epoch),"
                    + " min_epoch = (SELECT MIN(v.epoch) FROM epoch_values v"
                    + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.metric_value = s.min_value),"
                    + " max_epoch = (SELECT MIN(v.epoch) FROM epoch_values v"
                    + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.metric_value = s.max_value)"
                    + where.replace("run_id", "s.run_id"),
            "UPDATE runs SET epochs = (SELECT COUNT(*) FROM epoch_metrics m WHERE m.run_id = runs.id)"
                    + where.replace("run_id", "id")};
        for (String sql : statements) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (runId != null) {
                    statement.setString(1, runId);
                }
                statement.executeUpdate();
            }
        }
    }
}
