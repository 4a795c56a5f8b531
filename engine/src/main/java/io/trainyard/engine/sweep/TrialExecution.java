package io.trainyard.engine.sweep;

import io.trainyard.api.callback.Callback;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.Overrides;
import io.trainyard.engine.run.ExperimentRunner;
import io.trainyard.engine.run.Resumption;
import io.trainyard.engine.run.RunResult;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.TrialState;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial of a sweep, in the process the sweep started for it: the experiment as the sweep recorded it, the
 * sweep's overrides, the trial's own and its thread budget, recorded as a run of the sweep. A trial whose previous
 * run was interrupted after a checkpoint resumes that run instead, to the same result.
 */
public final class TrialExecution {

    private final SweepQueries sweeps;
    private final ExperimentRunner runner;
    private final Resumption resumption;

    @Inject
    public TrialExecution(SweepQueries sweeps, ExperimentRunner runner, Resumption resumption) {
        this.sweeps = sweeps;
        this.runner = runner;
        this.resumption = resumption;
    }

    public RunResult run(String sweepId, int trialNumber, int threads) {
        SweepRecord sweep = sweeps.find(sweepId);
        TrialState state = sweeps.trial(sweep.id(), trialNumber);
        ExperimentFile file = ExperimentFile.recorded(Path.of(sweep.experimentFile()), sweep.experimentText());
        MedianRule rule = SweepSpec.of(Overrides.apply(file.tree(), sweep.overrides())).map(SweepSpec::pruning)
                .orElse(null);
        List<Callback> hooks = rule == null ? List.of() : List.of(new MedianPruner(rule, sweeps, sweep.id()));
        if (state.runId() != null && state.hasCheckpoint() && !state.ended() && !"RUNNING".equals(state.status())) {
            return resumption.resume(state.runId(), hooks);
        }
        List<String> overrides = new ArrayList<>(sweep.overrides());
        overrides.addAll(state.trial().assignments());
        overrides.add("threads=" + threads);
        return runner.run(file, overrides, Lineage.trialOf(sweep.id(), trialNumber), null, hooks);
    }
}
