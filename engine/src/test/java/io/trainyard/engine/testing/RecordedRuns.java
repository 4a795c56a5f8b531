package io.trainyard.engine.testing;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.StoreLocation;
import java.util.ArrayList;
import java.util.List;

/** Runs read back from a store, for tests that compare what two runs recorded. */
public final class RecordedRuns {

    private RecordedRuns() {
    }

    public static RunDetails details(StoreLocation store, String id) {
        try (Database database = new Database(store)) {
            return new RunQueries(database).find(id);
        }
    }

    /** Every epoch's results, timing left out: what a run and its reproduction must share bit for bit. */
    public static List<List<Double>> epochMetrics(RunDetails run) {
        List<List<Double>> metrics = new ArrayList<>();
        for (EpochResult epoch : run.epochs()) {
            metrics.add(List.of((double) epoch.epoch(), epoch.trainLoss(), epoch.trainAccuracy(), epoch.testLoss(),
                    epoch.testAccuracy()));
        }
        return metrics;
    }
}
