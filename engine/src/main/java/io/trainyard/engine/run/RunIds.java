package io.trainyard.engine.run;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Run ids that sort by start time and are safe to type and to use as a directory name:
 * {@code 20261125-143012-7f3a9c} (UTC time, then 24 random bits against collisions between processes).
 */
public final class RunIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final SecureRandom random = new SecureRandom();

    public String next() {
        return TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + String.format("%06x", random.nextInt(1 << 24));
    }
}
