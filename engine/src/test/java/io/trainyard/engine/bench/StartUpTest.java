package io.trainyard.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.engine.timing.Timeline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartUpTest {

    private static final Instant COMMAND_START = Instant.ofEpochSecond(1_764_470_001, 500_000_000);

    @Test
    void theLaunchersMarksSplitTheScriptFromTheJvm() {
        List<Timeline.Phase> phases = StartUp.phases(COMMAND_START, Map.of(StartUp.LAUNCHER_START,
                "1764470000.750000", StartUp.JAVA_LAUNCH, "1764470001,000125"));
        assertEquals(List.of(new Timeline.Phase("start-up: launcher script", 250_125_000L),
                new Timeline.Phase("start-up: JVM until the command", 499_875_000L)), phases);
    }

    @Test
    void whatTheLaunchersDidFirstNamesTheirPhase() {
        List<Timeline.Phase> phases = StartUp.phases(COMMAND_START, Map.of(StartUp.LAUNCHER_START,
                "1764470000.000000", StartUp.JAVA_LAUNCH, "1764470001.000000", StartUp.LAUNCHER_WORK,
                "build, class lists"));
        assertEquals(new Timeline.Phase("start-up: launcher script (first: build, class lists)", 1_000_000_000L),
                phases.get(0));
        assertEquals("start-up: launcher script", StartUp.phases(COMMAND_START, Map.of(StartUp.LAUNCHER_START,
                "1764470000.000000", StartUp.JAVA_LAUNCH, "1764470001.000000", StartUp.LAUNCHER_WORK, ""))
                .get(0).name());
    }

    @Test
    void withoutTheLaunchersMarksOrWithMarksOutOfOrderStartUpCountsFromTheJvmsStart() {
        for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of(StartUp.LAUNCHER_START,
                "1764470001.200000", StartUp.JAVA_LAUNCH, "1764470001.100000"), Map.of(StartUp.LAUNCHER_START,
                "not a time", StartUp.JAVA_LAUNCH, "1764470001.100000"))) {
            List<Timeline.Phase> phases = StartUp.phases(Instant.now(), environment);
            assertEquals(1, phases.size(), environment.toString());
            assertEquals("start-up: JVM until the command", phases.get(0).name());
        }
    }
}
