package io.trainyard.engine.report;

import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code trainyard sweeps}: one line per sweep, with its best configuration as {@code compare --sweep} ranks it. */
public final class SweepsTable {

    /**
     * A sweep's best configuration.
     *
     * @param label what sets it apart from the sweep's other configurations
     * @param runs its runs (seeds)
     * @param mean the mean of their final test accuracy
     */
    public record Best(String label, int runs, double mean) {
    }

    private SweepsTable() {
    }

    /** @param best each sweep's best configuration by sweep id; a sweep without any finished trial has none */
    public static void print(List<SweepSummary> sweeps, Map<String, Best> best, OutputFormat format,
            PrintStream out) {
        if (sweeps.isEmpty() && format == OutputFormat.TABLE) {
            out.println("No sweeps yet. Start one with: trainyard sweep FILE (a file with a 'sweep' block)");
            return;
        }
        boolean terminal = format == OutputFormat.TABLE;
        List<List<Object>> rows = new ArrayList<>();
        for (SweepSummary summary : sweeps) {
            SweepRecord sweep = summary.sweep();
            Best top = best.get(sweep.id());
            List<Object> row = new ArrayList<>(List.of(sweep.id(), sweep.name(), sweep.status(), sweep.method(),
                    sweep.start()));
            row.addAll(terminal ? List.of(summary.ended() + "/" + summary.trials())
                    : Arrays.asList(sweep.end(), summary.ended(), summary.trials()));
            row.addAll(top == null ? Arrays.asList(null, null, null) : List.of(top.label(), top.runs(), top.mean()));
            if (!terminal) {
                row.add(sweep.errorMessage());
            }
            rows.add(row);
        }
        List<String> columns = terminal
                ? List.of("sweep_id", "experiment", "status", "method", "start", "trials", "best_config",
                        "best_config_runs", "best_mean_test_accuracy")
                : List.of("sweep_id", "experiment", "status", "method", "start", "end", "ended_trials", "trials",
                        "best_config", "best_config_runs", "best_mean_test_accuracy", "error");
        TableWriter.write(new Table(columns, rows), format, out);
    }
}
