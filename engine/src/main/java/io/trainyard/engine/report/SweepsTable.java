package io.trainyard.engine.report;

import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code trainyard sweeps}: one line per sweep. */
public final class SweepsTable {

    private SweepsTable() {
    }

    public static void print(List<SweepSummary> sweeps, OutputFormat format, PrintStream out) {
        if (sweeps.isEmpty() && format == OutputFormat.TABLE) {
            out.println("No sweeps yet. Start one with: trainyard sweep FILE (a file with a 'sweep' block)");
            return;
        }
        boolean table = format == OutputFormat.TABLE;
        List<List<Object>> rows = new ArrayList<>();
        for (SweepSummary summary : sweeps) {
            SweepRecord sweep = summary.sweep();
            List<Object> row = new ArrayList<>(List.of(sweep.id(), sweep.name(), sweep.status(), sweep.method()));
            row.add(table ? Format.time(sweep.start()) : sweep.start());
            row.add(table ? summary.ended() + "/" + summary.trials() : summary.ended());
            if (!table) {
                row.add(summary.trials());
            }
            row.add(summary.bestRun());
            row.add(table ? Format.percent(summary.bestAccuracy()) : summary.bestAccuracy());
            if (!table) {
                row.add(sweep.end());
                row.add(sweep.errorMessage());
            }
            rows.add(row);
        }
        List<String> columns = table
                ? List.of("sweep", "experiment", "status", "method", "started", "trials", "best_run", "best_acc")
                : List.of("id", "experiment", "status", "method", "start", "ended_trials", "trials", "best_run",
                        "best_test_accuracy", "end", "error");
        TableWriter.write(new Table(columns, rows), format, out);
    }
}
