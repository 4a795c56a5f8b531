package io.trainyard.engine.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keeps a run's rows of {@code metric_summaries} (first, last, min and max of each metric, with their epochs; the
 * earliest epoch on ties) equal to what its epochs say. Recomputed from the run's epochs inside the transaction
 * that records an epoch: a run has at most thousands of epochs, and the summary can never drift from them.
 */
final class MetricSummaries {

    private static final String[] STATEMENTS = {
        "DELETE FROM metric_summaries WHERE run_id = ?",
        "INSERT INTO metric_summaries (run_id, metric, first_value, first_epoch, last_value, last_epoch, min_value,"
                + " min_epoch, max_value, max_epoch)"
                + " SELECT run_id, metric, 0, MIN(epoch), 0, MAX(epoch), MIN(metric_value), 0, MAX(metric_value), 0"
                + " FROM epoch_values WHERE run_id = ? GROUP BY run_id, metric",
        "UPDATE metric_summaries s SET"
                + " first_value = (SELECT v.metric_value FROM epoch_values v"
                + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.epoch = s.first_epoch),"
                + " last_value = (SELECT v.metric_value FROM epoch_values v"
                + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.epoch = s.last_epoch),"
                + " min_epoch = (SELECT MIN(v.epoch) FROM epoch_values v"
                + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.metric_value = s.min_value),"
                + " max_epoch = (SELECT MIN(v.epoch) FROM epoch_values v"
                + " WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.metric_value = s.max_value)"
                + " WHERE s.run_id = ?"};

    private MetricSummaries() {
    }

    static void refresh(Connection connection, String runId) throws SQLException {
        for (String sql : STATEMENTS) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, runId);
                statement.executeUpdate();
            }
        }
    }
}
