package io.trainyard.engine.tracking;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;

/**
 * How long a training process keeps training while its store is unreachable (a database server restarting, a
 * network cut): {@code TRAINYARD_STORE_OUTAGE_SECONDS}, 600 by default. Meanwhile the recorder holds what it could
 * not write and tries again with growing pauses; past the limit the run stops FAILED, its finished epochs in its
 * folder's {@code epochs.csv}.
 *
 * @param limit the longest outage a run waits out
 */
public record StoreOutage(Duration limit) {

    public static final StoreOutage DEFAULT = new StoreOutage(Duration.ofMinutes(10));
    /** The longest pause between two attempts. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /** {@code TRAINYARD_STORE_OUTAGE_SECONDS} if set, else {@link #DEFAULT}. */
    public static StoreOutage fromEnvironment(Map<String, String> environment) {
        return new StoreOutage(EnvironmentSeconds.read(environment, "TRAINYARD_STORE_OUTAGE_SECONDS", 0,
                DEFAULT.limit()));
    }

    /** The pause before attempt {@code attempt} (2, 3, ...): 1 s, doubling, at most {@link #MAX_PAUSE}. */
    static Duration pause(int attempt) {
        long seconds = 1L << Math.min(attempt - 2, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_PAUSE.toSeconds()));
    }

    /** Whether the failure is the store being out of reach (worth waiting out), not a refusal of what was written. */
    static boolean isOutage(Throwable error, Dialect dialect) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            // A pool that waited in vain for a connection, or a connection that broke.
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && dialect.connectionLost(sql)) {
                return true;
            }
        }
        return false;
    }
}
