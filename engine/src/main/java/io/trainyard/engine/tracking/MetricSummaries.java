package io.trainyard.engine.tracking;

import io.trainyard.api.callback.MetricNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code metric_summaries} (first, last, min and max of each run's metrics, with their epochs; the earliest
 * epoch on ties) and each run's epoch count ({@code runs.epochs}) equal to what the epochs say. Recomputed from a
 * run's epochs inside the transaction that records an epoch: a run has at most thousands of epochs, and the summary
 * can never drift from them. The epochs are read once, in order, and summed up here: in SQL, four correlated
 * subqueries over the {@code epoch_values} view took 10-35 ms of every epoch's commit.
 */
public final class MetricSummaries {

    /** The built-in metrics, in the order of their columns in {@code epoch_metrics}, each named after its metric. */
    private static final List<String> BUILT_IN = List.copyOf(MetricNames.BUILT_IN);

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
        List<Summary> summaries = summarise(connection, where, runId);
        execute(connection, "DELETE FROM metric_summaries" + where, runId);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_summaries (run_id, metric,"
                + " first_value, first_epoch, last_value, last_epoch, min_value, min_epoch, max_value, max_epoch)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Summary summary : summaries) {
                insert.setString(1, summary.runId);
                insert.setString(2, summary.metric);
                insert.setDouble(3, summary.firstValue);
                insert.setInt(4, summary.firstEpoch);
                insert.setDouble(5, summary.lastValue);
                insert.setInt(6, summary.lastEpoch);
                insert.setDouble(7, summary.minValue);
                insert.setInt(8, summary.minEpoch);
                insert.setDouble(9, summary.maxValue);
                insert.setInt(10, summary.maxEpoch);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        execute(connection, "UPDATE runs SET epochs = (SELECT COUNT(*) FROM epoch_metrics m WHERE m.run_id = runs.id)"
                + where.replace("run_id", "id"), runId);
    }

    /**
     * Every run's metrics summed up, from their epochs read in order: the built-in metrics from their columns of
     * {@code epoch_metrics} (each column is named after its metric), the logged ones from {@code logged_metrics}. Two
     * plain reads by the run's index: the same values through the {@code epoch_values} view, a union of six reads,
     * took 2-12 ms of every epoch's commit, on the thread that trains.
     */
    private static List<Summary> summarise(Connection connection, String where, String runId) throws SQLException {
        Map<List<String>, Summary> summaries = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT run_id, epoch, "
                + String.join(", ", BUILT_IN) + " FROM epoch_metrics" + where + " ORDER BY run_id, epoch")) {
            try (ResultSet epochs = query(select, runId)) {
                while (epochs.next()) {
                    for (int i = 0; i < BUILT_IN.size(); i++) {
                        double value = epochs.getDouble(3 + i);
                        if (!epochs.wasNull()) {
                            add(summaries, epochs.getString(1), BUILT_IN.get(i), epochs.getInt(2), value);
                        }
                    }
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT run_id, epoch, metric, metric_value"
                + " FROM logged_metrics" + (where.isEmpty() ? " WHERE" : where + " AND")
                + " metric_value IS NOT NULL ORDER BY run_id, epoch")) {
            try (ResultSet logged = query(select, runId)) {
                while (logged.next()) {
                    add(summaries, logged.getString(1), logged.getString(3), logged.getInt(2), logged.getDouble(4));
                }
            }
        }
        return new ArrayList<>(summaries.values());
    }

    private static ResultSet query(PreparedStatement select, String runId) throws SQLException {
        if (runId != null) {
            select.setString(1, runId);
        }
        return select.executeQuery();
    }

    private static void add(Map<List<String>, Summary> summaries, String run, String metric, int epoch,
            double value) {
        summaries.computeIfAbsent(List.of(run, metric), key -> new Summary(run, metric)).add(epoch, value);
    }

    private static void execute(Connection connection, String sql, String runId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (runId != null) {
                statement.setString(1, runId);
            }
            statement.executeUpdate();
        }
    }

    /** One run's metric, as its epochs arrive in order: on ties, the earliest epoch stays. */
    private static final class Summary {
        final String runId;
        final String metric;
        int firstEpoch = -1;
        double firstValue;
        int lastEpoch;
        double lastValue;
        int minEpoch;
        double minValue;
        int maxEpoch;
        double maxValue;

        Summary(String runId, String metric) {
            this.runId = runId;
            this.metric = metric;
        }

        void add(int epoch, double value) {
            if (firstEpoch < 0) {
                firstEpoch = epoch;
                firstValue = value;
                minEpoch = epoch;
                minValue = value;
                maxEpoch = epoch;
                maxValue = value;
            }
            lastEpoch = epoch;
            lastValue = value;
            if (value < minValue) {
                minEpoch = epoch;
                minValue = value;
            }
            if (value > maxValue) {
                maxEpoch = epoch;
                maxValue = value;
            }
        }
    }
}
