package io.trainyard.engine.run;

import io.trainyard.engine.concurrent.Background;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

/**
 * Run ids that sort by start time and are safe to type and to use as a directory name:
 * {@code 20261125-143012-7f3a9c} (UTC time, then 24 random bits against collisions between processes).
 */
public final class RunIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Made on a thread of its own: the first SecureRandom of a process sets up the security providers (15-20 ms). */
    private final CompletableFuture<SecureRandom> random = Background.supply("trainyard-run-ids", SecureRandom::new);

    public String next() {
        return TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + String.format("%06x", random.join().nextInt(1 << 24));
    }
}
