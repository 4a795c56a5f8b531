package io.trainyard.engine.report;

import io.trainyard.engine.tracking.RunSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code trainyard runs}: one line per run. */
public final class RunsTable {

    private RunsTable() {
    }

    /** @param filtered whether the runs passed a filter (an empty result then says so, not "no runs yet") */
    public static void print(List<RunSummary> runs, OutputFormat format, boolean filtered, PrintStream out) {
        if (runs.isEmpty() && format == OutputFormat.TABLE) {
            out.println(filtered ? "No run passes the filter."
                    : "No runs yet. Start one with: trainyard run experiments/fashion-mnist-sgd.yaml");
            return;
        }
        if (format == OutputFormat.TABLE) {
            List<List<Object>> rows = new ArrayList<>();
            for (RunSummary run : runs) {
                rows.add(List.of(run.id(), run.experiment(), run.status(), Format.time(run.start()), run.epochs(),
                        Format.percent(run.finalTestAccuracy())));
            }
            TableWriter.write(new Table(List.of("run", "experiment", "status", "started", "epochs", "test_acc"),
                    rows), format, out);
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (RunSummary run : runs) {
            List<Object> row = new ArrayList<>();
            row.add(run.id());
            row.add(run.experiment());
            row.add(run.status());
            row.add(run.start());
            row.add(run.end());
            row.add(run.seed());
            row.add(run.epochs());
            row.add(run.finalTestAccuracy());
            row.add(run.finalTestLoss());
            row.add(run.stopReason());
            row.add(run.errorMessage());
            rows.add(row);
        }
        TableWriter.write(new Table(List.of("id", "experiment", "status", "start", "end", "seed", "epochs",
                "test_accuracy", "test_loss", "stop_reason", "error"), rows), format, out);
    }
}
