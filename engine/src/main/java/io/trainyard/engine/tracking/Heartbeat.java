package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
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
        String seconds = environment.get("TRAINYARD_HEARTBEAT_SECONDS");
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value >= 1) {
                return new Heartbeat(Duration.ofSeconds(value));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TrainyardException("TRAINYARD_HEARTBEAT_SECONDS must be a whole number of seconds >= 1, got '"
                + seconds + "'; unset it for the default of " + DEFAULT.interval().toSeconds());
    }
}
