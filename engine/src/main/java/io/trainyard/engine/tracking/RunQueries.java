package io.trainyard.engine.tracking;

import static io.trainyard.engine.tracking.StoreReads.instant;
import static io.trainyard.engine.tracking.StoreReads.number;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.engine.query.Filter;
import io.trainyard.engine.query.FilterSql;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.query.SqlFragment;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads runs back from the database. */
public final class RunQueries {

    private static final String SUMMARY_COLUMNS = "SELECT r.id, e.name, r.status, r.start_time, r.end_time, r.seed,"
            + " r.epochs,"
            + " (SELECT s.last_value FROM metric_summaries s WHERE s.run_id = r.id AND s.metric = 'test_accuracy'),"
            + " (SELECT s.last_value FROM metric_summaries s WHERE s.run_id = r.id AND s.metric = 'test_loss'),"
            + " r.error_message, r.stop_reason, r.dataset_sha256, r.experiment_file, r.parent_id, r.sweep_id, r.trial"
            + " FROM ";
    private static final String EXPERIMENT = " JOIN experiments e ON e.id = r.experiment_id";
    private static final String SUMMARY = SUMMARY_COLUMNS + "runs r" + EXPERIMENT;

    /**
     * The selected run ids as a table {@code i(id)}, bound by {@link StoreReads#bindIds} and joined to the table read.
     * A join rather than {@code run_id = ANY(?)}: H2 checks {@code ANY} element by element for every row it reads
     * (reading the params of 10 000 runs took 3.3 s with it, 0.14 s joined).
     */
    private static final String SELECTED = "UNNEST(?) AS i(id)";

    private final StoreReads reads;
    private final StoreLocation location;

    @Inject
    public RunQueries(Database database) {
        this.reads = new StoreReads(database);
        this.location = database.location();
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
        return reads.query(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }, this::summaries);
    }

    /** A run by its id or by a prefix that matches exactly one run. */
    public RunDetails find(String idOrPrefix) {
        List<RunSummary> matches = reads.query(SUMMARY + " WHERE r.id LIKE ? ESCAPE '\\' ORDER BY r.id",
                statement -> statement.setString(1, StoreReads.escapeLike(idOrPrefix) + "%"), this::summaries);
        return details(List.of(StoreReads.unique(matches, RunSummary::id, idOrPrefix, "run")), Reading.EVERYTHING)
                .get(0);
    }

    /** What is recorded about these runs, in the order given (see {@link #details}). Unknown ids are left out. */
    public List<RunDetails> detailsById(List<String> ids, Reading reading) {
        Map<String, RunSummary> summaries = new java.util.HashMap<>();
        reads.query(SUMMARY_COLUMNS + SELECTED + " JOIN runs r ON r.id = i.id" + EXPERIMENT,
                statement -> StoreReads.bindIds(statement, ids.toArray()), this::summaries)
                .forEach(summary -> summaries.put(summary.id(), summary));
        return details(ids.stream().map(summaries::get).filter(java.util.Objects::nonNull).toList(), reading);
    }

    /**
     * What is recorded about these listed runs, in the order given, read with one query per table whatever their
     * number (comparing ten thousand runs must not cost ten thousand round trips). What {@code reading} leaves out
     * is empty (zero steps, no note).
     */
    public List<RunDetails> details(List<RunSummary> runs, Reading reading) {
        Object[] array = runs.stream().map(RunSummary::id).toArray();
        Map<String, Map<String, Object>> params = grouped("SELECT t.run_id, param_key, value_type, num_value,"
                + " text_value FROM " + SELECTED + " JOIN params t ON t.run_id = i.id ORDER BY t.run_id, param_key",
                array, (result, map) -> map.put(result.getString(2), new TypedValue(result.getString(3),
                        result.getObject(4) == null ? null : result.getDouble(4), result.getString(5)).value()));
        Map<String, Map<String, EpochResult>> epochs = !reading.epochs() ? Map.of() : grouped("SELECT t.run_id,"
                + " epoch, train_loss, train_accuracy, test_loss, test_accuracy, epoch_seconds FROM " + SELECTED
                + " JOIN epoch_metrics t ON t.run_id = i.id ORDER BY t.run_id, epoch", array, (result, map) -> map.put(
                        result.getString(2), new EpochResult(result.getInt(2), number(result, 3), number(result, 4),
                                number(result, 5), number(result, 6), number(result, 7))));
        boolean all = reading.everything();
        Map<String, Map<String, Long>> steps = !all ? Map.of() : grouped("SELECT t.run_id, 'steps',"
                + " SUM(step_count) FROM " + SELECTED + " JOIN step_chunks t ON t.run_id = i.id GROUP BY t.run_id",
                array, (result, map) -> map.put("steps", result.getLong(3)));
        Map<String, Map<String, String>> provenance = !all ? Map.of() : grouped("SELECT t.run_id, fact_key,"
                + " fact_value FROM " + SELECTED + " JOIN provenance t ON t.run_id = i.id ORDER BY t.run_id, fact_key",
                array, (result, map) -> map.put(result.getString(2), result.getString(3)));
        Map<String, Map<String, String>> tags = !all ? Map.of() : grouped("SELECT t.run_id, tag_key, tag_value"
                + " FROM " + SELECTED + " JOIN tags t ON t.run_id = i.id ORDER BY t.run_id, tag_key", array,
                (result, map) -> map.put(result.getString(2), result.getString(3)));
        Map<String, Map<String, String>> notes = !all ? Map.of() : grouped("SELECT t.id, 'note', note FROM "
                + SELECTED + " JOIN runs t ON t.id = i.id WHERE note IS NOT NULL", array, (result, map) -> map.put(
                        "note", result.getString(3)));
        Map<String, Map<String, MetricSummary>> metrics = grouped("SELECT t.run_id, metric, first_value, first_epoch,"
                + " last_value, last_epoch, min_value, min_epoch, max_value, max_epoch FROM " + SELECTED
                + " JOIN metric_summaries t ON t.run_id = i.id ORDER BY t.run_id, metric", array, (result, map) ->
                        map.put(result.getString(2), new MetricSummary(result.getDouble(3), result.getInt(4),
                                result.getDouble(5), result.getInt(6), result.getDouble(7), result.getInt(8),
                                result.getDouble(9), result.getInt(10))));
        List<RunDetails> details = new ArrayList<>();
        for (RunSummary summary : runs) {
            String id = summary.id();
            details.add(new RunDetails(summary, params.getOrDefault(id, Map.of()),
                    List.copyOf(epochs.getOrDefault(id, Map.of()).values()),
                    steps.getOrDefault(id, Map.of()).getOrDefault("steps", 0L),
                    provenance.getOrDefault(id, Map.of()), tags.getOrDefault(id, Map.of()),
                    notes.getOrDefault(id, Map.of()).get("note"), metrics.getOrDefault(id, Map.of())));
        }
        return details;
    }

    /** The metrics callbacks logged, by run, epoch and name. */
    public Map<String, Map<Integer, Map<String, Double>>> loggedMetrics(List<String> ids) {
        Map<String, Map<Integer, Map<String, Double>>> logged = new java.util.HashMap<>();
        grouped("SELECT t.run_id, epoch, metric, metric_value FROM " + SELECTED + " JOIN logged_metrics t"
                + " ON t.run_id = i.id ORDER BY t.run_id, epoch, metric", ids.toArray(), (result, map) -> logged
                        .computeIfAbsent(result.getString(1), id -> new java.util.TreeMap<>())
                        .computeIfAbsent(result.getInt(2), epoch -> new LinkedHashMap<>())
                        .put(result.getString(3), number(result, 4)));
        return logged;
    }

    /** A run's saved model files by kind ({@code last}, {@code best}). */
    public Map<String, Checkpoint> checkpoints(String runId) {
        return reads.query("SELECT kind, epoch, path, sha256, monitor, metric_value FROM checkpoints WHERE run_id = ?"
                + " ORDER BY kind DESC", statement -> statement.setString(1, runId), result -> {
                    Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
                    while (result.next()) {
                        checkpoints.put(result.getString(1), new Checkpoint(result.getString(1), result.getInt(2),
                                runFile(runId, result.getString(3)), result.getString(4), result.getString(5),
                                number(result, 6)));
                    }
                    return checkpoints;
                });
    }

    /** The bytes the store keeps of a run's checkpoint of this kind (stores by URL keep them), if any. */
    public Optional<byte[]> checkpointData(String runId, String kind) {
        return Optional.ofNullable(reads.query("SELECT data FROM checkpoints WHERE run_id = ? AND kind = ?",
                statement -> {
                    statement.setString(1, runId);
                    statement.setString(2, kind);
                }, result -> result.next() ? result.getBytes(1) : null));
    }

    /** The files a run logged, by name. */
    public List<Artifact> artifacts(String runId) {
        return reads.query("SELECT name, path, size_bytes, sha256, logged_at FROM artifacts WHERE run_id = ?"
                + " ORDER BY name", statement -> statement.setString(1, runId), result -> {
                    List<Artifact> artifacts = new ArrayList<>();
                    while (result.next()) {
                        artifacts.add(new Artifact(result.getString(1), runFile(runId, result.getString(2)),
                                result.getLong(3), result.getString(4), instant(result.getTimestamp(5))));
                    }
                    return artifacts;
                });
    }

    /** The bytes the store keeps of a run's artifact (stores by URL keep them), if any. */
    public Optional<byte[]> artifactData(String runId, String name) {
        return Optional.ofNullable(reads.query("SELECT data FROM artifacts WHERE run_id = ? AND name = ?",
                statement -> {
                    statement.setString(1, runId);
                    statement.setString(2, name);
                }, result -> result.next() ? result.getBytes(1) : null));
    }

    /**
     * Where a file of a run (a checkpoint, an artifact) is now. Paths are recorded relative to the store, so a moved
     * or copied store finds its own files; stores recorded before that hold absolute paths, looked for in the run's
     * folder of this store first.
     */
    private String runFile(String runId, String recorded) {
        Path path = Path.of(recorded);
        if (!path.isAbsolute()) {
            return location.directory().resolve(path).toString();
        }
        Path here = location.runDirectory(runId).resolve(path.getFileName());
        return Files.exists(here) ? here.toString() : recorded;
    }

    /** The experiment file's text as the run read it, or null if not recorded. */
    public String experimentText(String runId) {
        return reads.query("SELECT experiment_text FROM runs WHERE id = ?", statement -> statement.setString(1, runId),
                result -> result.next() ? result.getString(1) : null);
    }

    /** A run's per-step metrics in step order. */
    public List<StepMetric> steps(String runId) {
        return steps(runId, -1);
    }

    /**
     * A run's per-step metrics after step {@code after}, in step order, reading only the chunk that holds that step
     * and those after it (a page following a run asks every few seconds for what is new).
     */
    public List<StepMetric> steps(String runId, long after) {
        return reads.query("SELECT data FROM step_chunks WHERE run_id = ? AND first_step >= (SELECT"
                + " COALESCE(MAX(first_step), -1) FROM step_chunks WHERE run_id = ? AND first_step <= ?)"
                + " ORDER BY first_step", statement -> {
                    statement.setString(1, runId);
                    statement.setString(2, runId);
                    statement.setLong(3, after);
                }, result -> {
                    List<StepMetric> steps = new ArrayList<>();
                    while (result.next()) {
                        StepChunk.unpack(result.getBytes(1)).stream().filter(step -> step.step() > after)
                                .forEach(steps::add);
                    }
                    return steps;
                });
    }

    private interface RowReader<V> {
        void read(ResultSet result, Map<String, V> map) throws SQLException;
    }

    /** Rows whose first column is a run id, each run's rows gathered into an ordered map. */
    private <V> Map<String, Map<String, V>> grouped(String sql, Object[] ids, RowReader<V> reader) {
        Map<String, Map<String, V>> byRun = new java.util.HashMap<>();
        reads.query(sql, statement -> StoreReads.bindIds(statement, ids), result -> {
            while (result.next()) {
                reader.read(result, byRun.computeIfAbsent(result.getString(1), id -> new LinkedHashMap<>()));
            }
            return null;
        });
        return byRun;
    }

    private List<RunSummary> summaries(ResultSet result) throws SQLException {
        List<RunSummary> runs = new ArrayList<>();
        while (result.next()) {
            runs.add(new RunSummary(result.getString(1), result.getString(2), result.getString(3),
                    instant(result.getTimestamp(4)), instant(result.getTimestamp(5)), result.getLong(6),
                    result.getInt(7), number(result, 8), number(result, 9), result.getString(10),
                    result.getString(11), result.getString(12), result.getString(13),
                    new Lineage(result.getString(14), result.getString(15), result.getInt(16))));
        }
        return runs;
    }
}
