package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.engine.checkpoint.CheckpointRecorder;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code trainyard resume}: a run that crashed, was killed or failed continues from its last checkpoint (model,
 * optimizer and dropout state) to its planned epochs, as the same run, reaching the uninterrupted run's results.
 */
public final class Resumption {

    private final ExperimentRunner runner;
    private final RunQueries queries;

    @Inject
    public Resumption(ExperimentRunner runner, RunQueries queries) {
        this.runner = runner;
        this.queries = queries;
    }

    public RunResult resume(String idOrPrefix) {
        return resume(idOrPrefix, List.of());
    }

    /** @param hooks engine callbacks of the resumed run besides the recorder's (a sweep's pruning rule) */
    public RunResult resume(String idOrPrefix, List<Callback> hooks) {
        RunDetails run = queries.find(idOrPrefix);
        String id = run.summary().id();
        try {
            switch (run.summary().status()) {
                case "FINISHED" -> throw new TrainyardException("it FINISHED; 'trainyard rerun " + id + "' trains it"
                        + " again as a new run");
                case "RUNNING" -> throw new TrainyardException("it is RUNNING (its process beats within the last"
                        + " three heartbeats); if that process is gone, wait for the heartbeat to lapse");
                default -> { }
            }
            SavedCheckpoint last = SavedCheckpoint.read(queries, id, CheckpointRecorder.LAST);
            Checkpoint best = queries.checkpoints(id).get(CheckpointRecorder.BEST);
            RecordedExperiment recorded = RecordedExperiment.of(run, queries);
            return runner.resume(run, recorded.file(), recorded.overrides(), last.checkpoint(), last.data(),
                    best == null ? Double.NaN : best.value(), hooks);
        } catch (TrainyardException e) {
            throw new TrainyardException("cannot resume " + id + ": " + e.getMessage(), e);
        }
    }
}
