package io.trainyard.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How reports spell numbers, percentages and times. */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** A file's size in bytes, or in KiB, MiB or GiB with one decimal from 1 KiB on. */
    static String bytes(long size) {
        if (size < 1024) {
            return size + " B";
        }
        int unit = Math.min(3, (63 - Long.numberOfLeadingZeros(size)) / 10);
        return String.format(Locale.ROOT, "%.1f %s", size / Math.pow(1024, unit), "BKMG".charAt(unit) + "iB");
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "-";
        }
        Duration duration = Duration.between(start, end);
        return String.format(Locale.ROOT, "%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(),
                duration.toSecondsPart());
    }
}
