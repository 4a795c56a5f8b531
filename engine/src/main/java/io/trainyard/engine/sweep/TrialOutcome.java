package io.trainyard.engine.sweep;

import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.tracking.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** How a trial's process ended, in one line for the console of the sweep or worker that started it. */
final class TrialOutcome {

    private TrialOutcome() {
    }

    /**
     * @param exitCode the trial process's: 0, 1 (the run FAILED) and 130 (KILLED) end a run; other codes mean the
     *     trial could not start one
     * @param after the trial as recorded once its process ended
     */
    static String describe(int exitCode, TrialState after, RunQueries runs, Path log, double seconds) {
        if (!endedARun(exitCode, after)) {
            return "did not run (exit code " + exitCode + "): " + lastError(log);
        }
        RunSummary run = runs.find(after.runId()).summary();
        return "run " + run.id() + " " + run.status() + (Double.isNaN(run.finalTestAccuracy()) ? ""
                : String.format(Locale.ROOT, ", final test accuracy %.2f%%", 100 * run.finalTestAccuracy()))
                + (run.stopReason() == null ? "" : " (" + run.stopReason() + ")")
                + String.format(Locale.ROOT, " in %.1f s", seconds);
    }

    static boolean endedARun(int exitCode, TrialState after) {
        return after.runId() != null && (exitCode == 0 || exitCode == 1 || exitCode == 130);
    }

    /** The log's last error line, or its last line. */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
            return lines.stream().filter(line -> line.startsWith("error:")).reduce((a, b) -> b)
                    .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return "no log at " + log;
        }
    }
}
