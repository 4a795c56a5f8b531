package io.trainyard.engine.cli;

import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.run.RunResult;
import java.io.PrintStream;

/** Exit codes of the {@code trainyard} command. */
final class ExitCodes {

    static final int OK = 0;
    /** The run started but ended FAILED. */
    static final int RUN_FAILED = 1;
    /** Bad input: arguments, experiment file, plugin names, data. Nothing was recorded. */
    static final int BAD_INPUT = 2;
    /** The store could not be read or written. */
    static final int STORE_ERROR = 3;
    /** {@code rerun}: the new run's metrics differ from the original's. */
    static final int NOT_REPRODUCED = 4;
    /** A defect in Trainyard or a plugin (sysexits' EX_SOFTWARE). */
    static final int INTERNAL_ERROR = 70;
    /**
     * A sweep trial whose sweep went away stops as if interrupted by Ctrl-C (128 + SIGINT). A run killed by a signal
     * exits with 128 + that signal's number: see {@link Signals}.
     */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** How a command that trained a run exits: by the run's status, a failure's message printed to {@code err}. */
    static int of(RunResult result, PrintStream err) {
        if (result.status() == RunStatus.FAILED) {
            err.printf("error: run %s FAILED: %s%n", result.runId(), result.error());
            return RUN_FAILED;
        }
        return result.status() == RunStatus.KILLED ? Signals.exitCode() : OK;
    }
}
