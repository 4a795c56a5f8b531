package io.trainyard.engine.compare;

import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.SweepSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Each sweep's best configuration, as {@code compare --sweep} ranks its trials. */
public final class SweepBest {

    private SweepBest() {
    }

    /** By sweep id; a sweep none of whose trials finished an epoch has none. */
    public static Map<String, Group> of(List<SweepSummary> sweeps, RunQueries queries) {
        // Every sweep's runs read at once: one query per table, however many sweeps.
        Map<String, RunDetails> runs = queries.detailsById(sweeps.stream().flatMap(sweep -> sweep.runIds().stream())
                .toList(), Reading.SUMMARIES).stream().collect(Collectors.toMap(run -> run.summary().id(),
                        Function.identity()));
        Map<String, Group> best = new HashMap<>();
        for (SweepSummary sweep : sweeps) {
            List<RunDetails> trials = sweep.runIds().stream().map(runs::get).filter(run -> run != null).toList();
            if (!trials.isEmpty()) {
                Group top = Comparison.of(trials, false).groups().get(0);
                if (top.n() > 0) {
                    best.put(sweep.sweep().id(), top);
                }
            }
        }
        return best;
    }
}
