package io.trainyard.engine.bench;

import io.trainyard.engine.timing.Timeline;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The start-up phases before a command's own code. The launcher marks its own start and the moment it starts Java
 * (bash's {@code $EPOCHREALTIME}, no process spawned); without those marks (Java started some other way) start-up
 * counts from the JVM's own start.
 */
final class StartUp {

    /** Set by the launcher when it starts. */
    static final String LAUNCHER_START = "TRAINYARD_LAUNCHER_START";
    /** Set by the launcher just before it starts Java. */
    static final String JAVA_LAUNCH = "TRAINYARD_JAVA_LAUNCH";

    private StartUp() {
    }

    static List<Timeline.Phase> phases(Instant commandStart, String launcherStart, String javaLaunch) {
        Instant script = parse(launcherStart);
        Instant java = parse(javaLaunch);
        if (script == null || java == null || script.isAfter(java) || java.isAfter(commandStart)) {
            Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
            return List.of(phase("start-up: JVM until the command", jvmStart, commandStart));
        }
        return List.of(phase("start-up: launcher script", script, java),
                phase("start-up: JVM until the command", java, commandStart));
    }

    /** Reads bash's {@code $EPOCHREALTIME}, seconds with a fraction, such as {@code 1764470000.123456}. */
    private static Instant parse(String epochRealTime) {
        if (epochRealTime == null || !epochRealTime.matches("\\d+[.,]\\d+")) {
            return null;
        }
        String[] parts = epochRealTime.split("[.,]");
        long micros = Long.parseLong((parts[1] + "000000").substring(0, 6));
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), micros * 1000);
    }

    private static Timeline.Phase phase(String name, Instant from, Instant to) {
        return new Timeline.Phase(name, Math.max(0, Duration.between(from, to).toNanos()));
    }
}
