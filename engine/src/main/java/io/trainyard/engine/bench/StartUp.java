package io.trainyard.engine.bench;

import io.trainyard.engine.timing.Timeline;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    /**
     * What the launchers did first, if anything, such as {@code build, class lists}: a build or the class-data
     * archives take seconds, which the launcher's phase then shows under that name rather than as a mystery.
     */
    static final String LAUNCHER_WORK = "TRAINYARD_LAUNCHER_WORK";

    private StartUp() {
    }

    /** The phases until {@code commandStart}, from the launcher's marks in the command's environment. */
    static List<Timeline.Phase> phases(Instant commandStart, Map<String, String> environment) {
        Instant script = parse(environment.get(LAUNCHER_START));
        Instant java = parse(environment.get(JAVA_LAUNCH));
        String launcherWork = environment.get(LAUNCHER_WORK);
        if (script == null || java == null || script.isAfter(java) || java.isAfter(commandStart)) {
            Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
            return List.of(phase("start-up: JVM until the command", jvmStart, commandStart));
        }
        String launcher = launcherWork == null || launcherWork.isBlank() ? "start-up: launcher script"
                : "start-up: launcher script (first: " + launcherWork.strip() + ")";
        return List.of(phase(launcher, script, java),
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
