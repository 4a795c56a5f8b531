package io.trainyard.engine.cli;

import java.util.Map;
import sun.misc.Signal;

/**
 * Which signal stopped the process, so that a killed run exits as shells report such a death: 128 plus the signal's
 * number (130 for Ctrl-C, 143 for SIGTERM, 129 for a closed terminal). The handlers do what the JVM's own do, start
 * its shutdown (whose hook records the run KILLED), and remember the signal first.
 */
final class Signals {

    private static final Map<String, Integer> HANDLED = Map.of("INT", 2, "TERM", 15, "HUP", 1);

    /** SIGINT until another arrives: a run interrupted in-process (in tests) reads as Ctrl-C. */
    private static volatile int received = HANDLED.get("INT");

    private Signals() {
    }

    static void install() {
        HANDLED.keySet().forEach(name -> {
            try {
                Signal.handle(new Signal(name), signal -> {
                    received = signal.getNumber();
                    System.exit(exitCode());
                });
            } catch (IllegalArgumentException unavailable) {
                // This platform lacks the signal or keeps it for the JVM: the JVM's own handling stands.
            }
        });
    }

    /** The exit code of a process whose run was killed by the last signal (128 + its number). */
    static int exitCode() {
        return 128 + received;
    }
}
