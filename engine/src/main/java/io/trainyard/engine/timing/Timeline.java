package io.trainyard.engine.timing;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's wall time goes: consecutive phases, each from the end of the one before to the moment it is
 * named. Off unless a command switches it on ({@code bench --whole-run}); then the code it times names its phases
 * as it passes them, a handful per run and none per batch.
 */
@Singleton
public final class Timeline {

    /** A named stretch of wall time. */
    public record Phase(String name, long nanos) {

        public double seconds() {
            return nanos / 1e9;
        }
    }

    private final List<Phase> phases = new ArrayList<>();
    private boolean on;
    private long last;
    private Instant started;

    /** Starts timing now: the first phase named ends the stretch that begins here. */
    public synchronized void start() {
        on = true;
        last = System.nanoTime();
        started = Instant.now();
    }

    /** When {@link #start()} was called, or null. */
    public synchronized Instant started() {
        return started;
    }

    /** Names the stretch from the last phase's end to now; nothing when timing is off. */
    public void lap(String phase) {
        lapAt(phase, System.nanoTime());
    }

    /** Names the stretch from the last phase's end to {@code nanoTime}, a {@link System#nanoTime()} reading. */
    public synchronized void lapAt(String phase, long nanoTime) {
        if (on) {
            phases.add(new Phase(phase, nanoTime - last));
            last = nanoTime;
        }
    }

    public synchronized List<Phase> phases() {
        return List.copyOf(phases);
    }
}
