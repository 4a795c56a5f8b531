package io.trainyard.engine.tracking;

import static io.trainyard.engine.tracking.StoreReads.instant;
import static io.trainyard.engine.tracking.StoreReads.number;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.MetricNames;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads sweeps back: the records, their trials with each one's latest run, and what pruning compares against. */
public final class SweepQueries {

    private static final String RECORD = "SELECT s.id, s.name, s.status, s.start_time, s.end_time, s.method,"
            + " s.repeats, s.definition_sha256, s.experiment_file, s.experiment_text, s.overrides, s.error_message"
            + " FROM sweeps s";
    /** The latest run of each trial: a trial attempted again keeps its earlier runs, which no longer count. */
    static final String LATEST_RUN = "r.start_time = (SELECT MAX(l.start_time) FROM runs l"
            + " WHERE l.sweep_id = r.sweep_id AND l.trial = r.trial)";

    private final StoreReads reads;

    @Inject
    public SweepQueries(Database database) {
        this.reads = new StoreReads(database);
    }

    /** A sweep by its id or by a prefix that matches exactly one sweep. */
    public SweepRecord find(String idOrPrefix) {
        List<SweepRecord> matches = reads.query(RECORD + " WHERE s.id LIKE ? ESCAPE '\\' ORDER BY s.id",
                statement -> statement.setString(1, StoreReads.escapeLike(idOrPrefix) + "%"), SweepQueries::records);
        return StoreReads.unique(matches, SweepRecord::id, idOrPrefix, "sweep");
    }

    /** The latest sweep of this definition (experiment text and overrides), if there is one. */
    public Optional<SweepRecord> latest(String definitionSha256) {
        return reads.query(RECORD + " WHERE s.definition_sha256 = ? ORDER BY s.start_time DESC LIMIT 1",
                statement -> statement.setString(1, definitionSha256), SweepQueries::records).stream().findFirst();
    }

    /** Every sweep, newest first, with its progress and its trials' runs. */
    public List<SweepSummary> list() {
        List<SweepRecord> sweeps = reads.query(RECORD + " ORDER BY s.start_time DESC", statement -> { },
                SweepQueries::records);
        List<SweepSummary> summaries = new ArrayList<>();
        for (SweepRecord sweep : sweeps) {
            List<TrialState> trials = trials(sweep.id());
            summaries.add(new SweepSummary(sweep, trials.size(), (int) trials.stream().filter(TrialState::ended)
                    .count(), trials.stream().map(TrialState::runId).filter(id -> id != null).toList()));
        }
        return summaries;
    }

    /** The sweep's planned trials in order, each with its latest run. */
    public List<TrialState> trials(String sweepId) {
        return trials(sweepId, 0);
    }

    /** One trial of the sweep with its latest run. */
    public TrialState trial(String sweepId, int number) {
        return trials(sweepId, number).stream().findFirst().orElseThrow(() -> new TrainyardException("sweep "
                + sweepId + " has no trial " + number));
    }

    /** @param number one trial, or 0 for all */
    private List<TrialState> trials(String sweepId, int number) {
        return reads.query("SELECT t.trial, t.configuration, t.repeat_index, t.assignments, r.id, r.status,"
                + " EXISTS (SELECT 1 FROM checkpoints c WHERE c.run_id = r.id AND c.kind = 'last')"
                + " FROM sweep_trials t LEFT JOIN runs r ON r.sweep_id = t.sweep_id AND r.trial = t.trial AND "
                + LATEST_RUN + " WHERE t.sweep_id = ? AND (? = 0 OR t.trial = ?) ORDER BY t.trial", statement -> {
                    statement.setString(1, sweepId);
                    statement.setInt(2, number);
                    statement.setInt(3, number);
                }, result -> {
                    List<TrialState> trials = new ArrayList<>();
                    while (result.next()) {
                        trials.add(new TrialState(new Trial(result.getInt(1), result.getInt(2), result.getInt(3),
                                List.of(result.getString(4).split("\n"))), result.getString(5), result.getString(6),
                                result.getBoolean(7)));
                    }
                    return trials;
                });
    }

    /**
     * The values of {@code metric} at {@code epoch} of the sweep's completed trials: their latest run FINISHED and
     * was not pruned. An epoch metric or one a callback logged.
     */
    public List<Double> completedValues(String sweepId, String metric, int epoch) {
        return values(metric, "r.sweep_id = ? AND r.status = 'FINISHED' AND (r.stop_reason IS NULL"
                + " OR r.stop_reason NOT LIKE 'pruned:%') AND " + LATEST_RUN + " AND m.epoch = ?", sweepId, epoch);
    }

    /** The values of {@code metric} a run recorded in its epochs before {@code epoch}. */
    public List<Double> earlierValues(String runId, String metric, int epoch) {
        return values(metric, "r.id = ? AND m.epoch < ?", runId, epoch);
    }

    /** A metric's values (missing ones left out) in the epochs {@code condition} selects of runs {@code r}. */
    private List<Double> values(String metric, String condition, String id, int epoch) {
        boolean column = MetricNames.BUILT_IN.contains(metric);
        String sql = (column ? "SELECT m." + metric + " FROM epoch_metrics m"
                : "SELECT m.metric_value FROM logged_metrics m") + " JOIN runs r ON r.id = m.run_id WHERE "
                + condition + (column ? "" : " AND m.metric = ?");
        return reads.query(sql, statement -> {
            statement.setString(1, id);
            statement.setInt(2, epoch);
            if (!column) {
                statement.setString(3, metric);
            }
        }, result -> {
            List<Double> values = new ArrayList<>();
            while (result.next()) {
                double value = number(result, 1);
                if (!Double.isNaN(value)) {
                    values.add(value);
                }
            }
            return values;
        });
    }

    private static List<SweepRecord> records(ResultSet result) throws SQLException {
        List<SweepRecord> sweeps = new ArrayList<>();
        while (result.next()) {
            String overrides = result.getString(11);
            sweeps.add(new SweepRecord(result.getString(1), result.getString(2), result.getString(3),
                    instant(result.getTimestamp(4)), instant(result.getTimestamp(5)), result.getString(6),
                    result.getInt(7), result.getString(8), result.getString(9), result.getString(10),
                    overrides.isEmpty() ? List.of() : List.of(overrides.split("\n")), result.getString(12)));
        }
        return sweeps;
    }
}
