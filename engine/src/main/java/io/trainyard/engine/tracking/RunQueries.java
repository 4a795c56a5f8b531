package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.engine.query.Filter;
import io.trainyard.engine.query.FilterSql;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.query.SqlFragment;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads runs back from the database. */
public final class RunQueries {

    private static final String SUMMARY = "SELECT r.id, e.name, r.status, r.start_time, r.end_time, r.seed,"
            + " (SELECT COUNT(*) FROM epoch_metrics m WHERE m.run_id = r.id),"
            + " (SELECT s.last_value FROM metric_summaries s WHERE s.run_id = r.id AND s.metric = 'test_accuracy'),"
            + " (SELECT s.last_value FROM metric_summaries s WHERE s.run_id = r.id AND s.metric = 'test_loss'),"
            + " r.error_message, r.stop_reason, r.dataset_sha256, r.experiment_file"
            + " FROM runs r JOIN experiments e ON e.id = r.experiment_id";

    private final Database database;

    @Inject
    public RunQueries(Database database) {
        this.database = database;
    }

    /** Every run, newest first. */
    public List<RunSummary> list() {
        return list(Optional.empty(), RunOrder.NEWEST_FIRST, 0);
    }

    /**
     * The runs that pass {@code filter}, in {@code order}.
     *
     * @param limit at most this many runs; 0 for all
     */
    public List<RunSummary> list(Optional<Filter> filter, RunOrder order, int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SUMMARY);
        filter.map(FilterSql::where).ifPresent(where -> {
            sql.append(" WHERE ").append(where.sql());
            parameters.addAll(where.parameters());
        });
        SqlFragment orderBy = order.sql();
        sql.append(" ORDER BY ").append(orderBy.sql());
        parameters.addAll(orderBy.parameters());
        if (limit > 0) {
            sql.append(" LIMIT ?");
            parameters.add(limit);
        }
        return query(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }, this::summaries);
    }

    /** A run by its id or by a prefix that matches exactly one run. */
    public RunDetails find(String idOrPrefix) {
        List<RunSummary> matches = query(SUMMARY + " WHERE r.id LIKE ? ESCAPE '\\' ORDER BY r.id",
                statement -> statement.setString(1, escapeLike(idOrPrefix) + "%"), this::summaries);
        Optional<RunSummary> exact = matches.stream().filter(run -> run.id().equals(idOrPrefix)).findFirst();
        if (exact.isEmpty() && matches.size() != 1) {
            throw new TrainyardException(matches.isEmpty()
                    ? "no run '" + idOrPrefix + "' in the store; 'trainyard runs' lists the runs"
                    : "run id prefix '" + idOrPrefix + "' matches " + matches.size() + " runs; give more of the id");
        }
        RunSummary summary = exact.orElse(matches.get(0));
        return new RunDetails(summary, params(summary.id()), epochs(summary.id()), stepCount(summary.id()),
                texts("SELECT fact_key, fact_value FROM provenance WHERE run_id = ? ORDER BY fact_key", summary.id()),
                texts("SELECT tag_key, tag_value FROM tags WHERE run_id = ? ORDER BY tag_key", summary.id()),
                texts("SELECT 'note', note FROM runs WHERE id = ?", summary.id()).get("note"),
                metrics(summary.id()));
    }

    private Map<String, MetricSummary> metrics(String runId) {
        return query("SELECT metric, first_value, first_epoch, last_value, last_epoch, min_value, min_epoch,"
                + " max_value, max_epoch FROM metric_summaries WHERE run_id = ? ORDER BY metric",
                statement -> statement.setString(1, runId), result -> {
                    Map<String, MetricSummary> metrics = new LinkedHashMap<>();
                    while (result.next()) {
                        metrics.put(result.getString(1), new MetricSummary(result.getDouble(2), result.getInt(3),
                                result.getDouble(4), result.getInt(5), result.getDouble(6), result.getInt(7),
                                result.getDouble(8), result.getInt(9)));
                    }
                    return metrics;
                });
    }

    /** The two text columns of a query about one run, as an ordered map. */
    private Map<String, String> texts(String sql, String runId) {
        return query(sql,
                statement -> statement.setString(1, runId), result -> {
                    Map<String, String> facts = new LinkedHashMap<>();
                    while (result.next()) {
                        facts.put(result.getString(1), result.getString(2));
                    }
                    return facts;
                });
    }

    private Map<String, Object> params(String runId) {
        return query("SELECT param_key, value_type, num_value, text_value FROM params WHERE run_id = ? ORDER BY param_key",
                statement -> statement.setString(1, runId), result -> {
                    Map<String, Object> params = new LinkedHashMap<>();
                    while (result.next()) {
                        params.put(result.getString(1), switch (result.getString(2)) {
                            case "integer" -> (long) result.getDouble(3);
                            case "decimal" -> result.getDouble(3);
                            case "boolean" -> result.getDouble(3) != 0;
                            case "null" -> null;
                            default -> result.getString(4);
                        });
                    }
                    return params;
                });
    }

    private List<EpochResult> epochs(String runId) {
        return query("SELECT epoch, train_loss, train_accuracy, test_loss, test_accuracy, epoch_seconds"
                + " FROM epoch_metrics WHERE run_id = ? ORDER BY epoch", statement -> statement.setString(1, runId),
                result -> {
                    List<EpochResult> epochs = new ArrayList<>();
                    while (result.next()) {
                        epochs.add(new EpochResult(result.getInt(1), number(result, 2), number(result, 3),
                                number(result, 4), number(result, 5), number(result, 6)));
                    }
                    return epochs;
                });
    }

    private long stepCount(String runId) {
        return query("SELECT COUNT(*) FROM step_metrics WHERE run_id = ?", statement -> statement.setString(1, runId),
                result -> {
                    result.next();
                    return result.getLong(1);
                });
    }

    private List<RunSummary> summaries(ResultSet result) throws SQLException {
        List<RunSummary> runs = new ArrayList<>();
        while (result.next()) {
            runs.add(new RunSummary(result.getString(1), result.getString(2), result.getString(3),
                    instant(result.getTimestamp(4)), instant(result.getTimestamp(5)), result.getLong(6),
                    result.getInt(7), number(result, 8), number(result, 9), result.getString(10),
                    result.getString(11), result.getString(12), result.getString(13)));
        }
        return runs;
    }

    private static double number(ResultSet result, int column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? Double.NaN : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet result) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                return reader.read(result);
            }
        } catch (SQLException e) {
            throw new StoreException("reading the store failed: " + e.getMessage(), e);
        }
    }
}
