package io.trainyard.engine.cli;

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
    /** The run was interrupted (128 + SIGINT, as shells report it). */
    static final int KILLED = 130;
    /** A defect in Trainyard or a plugin. */
    static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
