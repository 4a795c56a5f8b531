package io.trainyard.engine.report;

import io.trainyard.engine.tracking.RunSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
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
        boolean terminal = format == OutputFormat.TABLE;
        List<List<Object>> rows = new ArrayList<>();
        for (RunSummary run : runs) {
            rows.add(terminal ? List.of(run.id(), run.experiment(), run.status(), run.start(), run.epochs(),
                    run.finalTestAccuracy()) : Arrays.asList(run.id(), run.experiment(), run.status(), run.start(),
                    run.end(), run.seed(), run.epochs(), run.finalTestAccuracy(), run.finalTestLoss(),
                    run.stopReason(), run.errorMessage()));
        }
        TableWriter.write(new Table(terminal
                ? List.of("run_id", "experiment", "status", "start", "epochs", "final_test_accuracy")
                : List.of("run_id", "experiment", "status", "start", "end", "seed", "epochs", "final_test_accuracy",
                        "final_test_loss", "stop_reason", "error"), rows), format, out);
    }
}
