package io.trainyard.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.tracking.Trial;
import io.trainyard.engine.tracking.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines a sweep prints about its progress. */
class SweepProgressTest {

    @Test
    void saysWhichEpochEachRunningTrialHasReachedAndHowManyTrialsEnded() {
        SweepProgress progress = new SweepProgress(4, 1);
        List<TrialState> trials = List.of(state(1, "a", "FINISHED"), state(2, "b", "RUNNING"),
                state(3, "c", "RUNNING"), state(4, null, null));
        Map<String, RunDetails> runs = Map.of("b", run("b", 2), "c", run("c", 0));
        assertEquals("running: trial 2 at epoch 2 of 5, trial 3 at epoch 0 of 5; 1 of 4 trials ended",
                progress.running(trials, runs));
    }

    @Test
    void givesTheTimeLeftAtThePaceOfTheTrialsItRan() {
        SweepProgress progress = new SweepProgress(4, 1);
        assertTrue(progress.trialEnded().matches("2 of 4 trials ended, ETA 0:00:0\\d"));
        progress.trialEnded();
        assertEquals("4 of 4 trials ended", progress.trialEnded(), "nothing left: no ETA");
    }

    private static TrialState state(int number, String runId, String status) {
        return new TrialState(new Trial(number, number, 1, List.of("seed=" + number)), runId, status, false);
    }

    private static RunDetails run(String id, int epochs) {
        RunSummary summary = new RunSummary(id, "e", "RUNNING", Instant.EPOCH, null, 1, epochs, Double.NaN,
                Double.NaN, null, null, null, null, Lineage.NONE);
        return new RunDetails(summary, Map.of("epochs", 5L), List.of(), 0, Map.of(), Map.of(), null, Map.of());
    }
}
