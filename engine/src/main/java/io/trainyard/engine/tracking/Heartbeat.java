package io.trainyard.engine.tracking;

import java.time.Duration;
import java.util.Map;

/**
 * How often a training process confirms in the store that it is alive. A run whose heartbeat is
 * {@link #MISSED_BEATS} intervals old is recorded CRASHED by the next process that opens the store.
 *
 * @param interval between two heartbeats, a whole number of seconds
 */
public record Heartbeat(Duration interval) {

    public static final int MISSED_BEATS = 3;
    public static final Heartbeat DEFAULT = new Heartbeat(Duration.ofSeconds(10));

    /** {@code TRAINYARD_HEARTBEAT_SECONDS} if set, else {@link #DEFAULT}. */
    public static Heartbeat fromEnvironment(Map<String, String> environment) {
        return new Heartbeat(EnvironmentSeconds.read(environment, "TRAINYARD_HEARTBEAT_SECONDS", 1,
                DEFAULT.interval()));
    }
}
