package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.time.Duration;
import java.util.Map;

/** A duration a user sets in whole seconds through an environment variable, such as the heartbeat's interval. */
final class EnvironmentSeconds {

    private EnvironmentSeconds() {
    }

    /**
     * The variable's value, or {@code fallback} when it is unset or blank.
     *
     * @param minimum the least number of seconds accepted
     */
    static Duration read(Map<String, String> environment, String variable, long minimum, Duration fallback) {
        String seconds = environment.get(variable);
        if (seconds == null || seconds.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value >= minimum) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TrainyardException(variable + " must be a whole number of seconds >= " + minimum + ", got '"
                + seconds + "'; unset it for the default of " + fallback.toSeconds());
    }
}
