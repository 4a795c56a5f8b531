package io.trainyard.api.callback;

/** How a run ended, or that it has not yet. */
public enum RunStatus {
    /** Training is in progress. */
    RUNNING,
    /** Every planned epoch ran, or a callback requested a stop. */
    FINISHED,
    /** An exception ended the run; its message is recorded. */
    FAILED,
    /** The user interrupted the run (Ctrl-C, SIGTERM). */
    KILLED,
    /**
     * The process died without ending the run (kill -9, out of memory, power loss), as its stopped heartbeat shows.
     * Recorded by the next process that opens the store; never passed to a callback.
     */
    CRASHED
}
