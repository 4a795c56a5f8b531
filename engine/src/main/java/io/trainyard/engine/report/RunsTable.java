package io.trainyard.engine.report;

import io.trainyard.engine.tracking.RunSummary;
import java.io.PrintStream;
import java.util.List;

/** {@code trainyard runs}: one line per run, newest first. */
public final class RunsTable {

    private RunsTable() {
    }

    public static void print(List<RunSummary> runs, PrintStream out) {
        if (runs.isEmpty()) {
            out.println("No runs yet. Start one with: trainyard run experiments/fashion-mnist-sgd.yaml");
            return;
        }
        int experimentWidth = Math.max(10, runs.stream().mapToInt(run -> run.experiment().length()).max().orElse(0));
        String row = "%-22s  %-" + experimentWidth + "s  %-8s  %-20s  %6s  %9s%n";
        out.printf(row, "RUN", "EXPERIMENT", "STATUS", "STARTED", "EPOCHS", "TEST ACC");
        for (RunSummary run : runs) {
            out.printf(row, run.id(), run.experiment(), run.status(), Format.time(run.start()), run.epochs(),
                    Format.percent(run.finalTestAccuracy()));
        }
    }
}
