package io.trainyard.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepStore;
import io.trainyard.engine.tracking.Trial;
import io.trainyard.testkit.TestRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The median rule against a real store: which trials count as completed, and a resumed trial's earlier epochs. */
class MedianPrunerTest {

    private static final MedianRule RULE = new MedianRule("test_accuracy", true, 1, 2);

    @TempDir
    Path directory;

    private Database database;
    private RunStore runs;

    @BeforeEach
    void openStore() {
        database = new Database(new StoreLocation(directory));
        runs = new RunStore(database);
        new SweepStore(database).create(new SweepRecord("sweep", "e", "RUNNING", Instant.now(), null, "grid", 1,
                "sha", "e.yaml", "", List.of(), null), List.of(new Trial(1, 1, 1, List.of("seed=1")),
                        new Trial(2, 2, 1, List.of("seed=1")), new Trial(3, 3, 1, List.of("seed=1")),
                        new Trial(4, 4, 1, List.of("seed=1"))), Heartbeat.DEFAULT);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void aTrialBelowTheMedianOfCompletedTrialsIsPrunedAndPrunedOrRunningOnesDoNotCount() {
        trial("a", 1, RunStatus.FINISHED, null, 0.90, 0.90, 0.90);
        trial("b", 2, RunStatus.FINISHED, null, 0.70, 0.80, 0.85);
        trial("c", 3, RunStatus.FINISHED, "pruned: earlier", 0.10, 0.10);
        assertEquals(List.of(0.90, 0.80), new SweepQueries(database).completedValues("sweep", "test_accuracy", 2));

        TestRun run = new TestRun(3, 16, 96, Map.of());
        MedianPruner pruner = new MedianPruner(RULE, new SweepQueries(database), "sweep");
        pruner.onEpochEnd(run, epoch(1, 0.5));
        assertNull(run.stopReason(), "epoch 1 is the warm-up");
        pruner.onEpochEnd(run, epoch(2, 0.84));
        assertEquals("pruned: best test_accuracy 0.840000 by epoch 2 is worse than the median 0.850000 of 2 completed"
                + " trials at that epoch", run.stopReason());
    }

    @Test
    void aResumedTrialCountsTheEpochsItRecordedBeforeTheInterruption() {
        trial("a", 1, RunStatus.FINISHED, null, 0.90, 0.80, 0.80);
        trial("b", 2, RunStatus.FINISHED, null, 0.90, 0.80, 0.80);
        TestRun fresh = new TestRun(4, 16, 96, Map.of());
        new MedianPruner(RULE, new SweepQueries(database), "sweep").onEpochEnd(fresh, epoch(3, 0.70));
        assertEquals("pruned: best test_accuracy 0.700000 by epoch 3 is worse than the median 0.800000 of 2"
                + " completed trials at that epoch", fresh.stopReason(), "without earlier epochs");

        trial("test-run", 4, RunStatus.KILLED, null, 0.95, 0.82);
        TestRun resumed = new TestRun(4, 16, 96, Map.of());
        new MedianPruner(RULE, new SweepQueries(database), "sweep").onEpochEnd(resumed, epoch(3, 0.70));
        assertNull(resumed.stopReason(), "its best, 0.95 at epoch 1, is above the median 0.80");
    }

    /** A run of the sweep's trial with these test accuracies, ended with this status. */
    private void trial(String id, int trial, RunStatus status, String stopReason, double... accuracies) {
        runs.create(new NewRun(id, "e", id, Instant.now(), 1, "sha", "e.yaml", "", Map.of(), Heartbeat.DEFAULT,
                Map.of(), Lineage.trialOf("sweep", trial)));
        for (int epoch = 1; epoch <= accuracies.length; epoch++) {
            runs.recordEpoch(id, epoch(epoch, accuracies[epoch - 1]), List.of());
        }
        if (status != RunStatus.RUNNING) {
            runs.finish(id, status, null, stopReason);
        }
    }

    private static EpochResult epoch(int epoch, double accuracy) {
        return new EpochResult(epoch, 1.0, accuracy, 1.0, accuracy, 1.0);
    }
}
