package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.checkpoint.CheckpointRecorder;
import io.trainyard.engine.checkpoint.ModelFile;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.provenance.GitState;
import io.trainyard.engine.provenance.ProvenanceCollector;
import io.trainyard.engine.timing.Timeline;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.StoreOutage;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunRecorder;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreException;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.training.ActiveRun;
import io.trainyard.engine.training.ExperimentAssembler;
import io.trainyard.engine.training.PreparedExperiment;
import io.trainyard.engine.training.Trainer;
import io.trainyard.engine.training.TrainingSetup;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs an experiment file end to end: validate it, build its components, open a run record, train with the recorder
 * hooked in, and close the record whatever happens. Everything that can be rejected (configuration, plugins, data)
 * is rejected before the run record exists, so bad input never leaves a run behind.
 */
public final class ExperimentRunner {

    private static final Duration INTERRUPT_PATIENCE = Duration.ofSeconds(20);

    private final ExperimentAssembler assembler;
    private final RunStore store;
    private final Database database;
    private final StoreLocation location;
    private final Heartbeat heartbeat;
    private final StoreOutage outage;
    private final ProvenanceCollector provenance;
    private final PrintStream console;
    private final Timeline timeline;
    private final RunIds ids = new RunIds();

    @Inject
    public ExperimentRunner(ExperimentAssembler assembler, RunStore store, Database database, StoreLocation location,
            Heartbeat heartbeat, StoreOutage outage, ProvenanceCollector provenance, PrintStream console,
            Timeline timeline) {
        this.assembler = assembler;
        this.store = store;
        this.database = database;
        this.location = location;
        this.heartbeat = heartbeat;
        this.outage = outage;
        this.provenance = provenance;
        this.console = console;
        this.timeline = timeline;
    }

    public RunResult run(Path experimentFile, List<String> overrides) {
        ExperimentFile file = ExperimentFile.read(experimentFile);
        if (file.tree().containsKey(ExperimentResolver.SWEEP)) {
            console.printf("note: %s has a sweep block; 'run' trains its settings once, 'trainyard sweep %s' runs"
                    + " the sweep%n", experimentFile, experimentFile);
        }
        return run(file, overrides, Lineage.NONE, null, List.of());
    }

    /**
     * Runs an experiment already read.
     *
     * @param lineage the run it reruns or the sweep it is a trial of
     * @param requiredDataSha256 when not null, the data must have this hash or nothing is recorded
     * @param hooks engine callbacks of this run besides the recorder's (a sweep's pruning rule)
     */
    public RunResult run(ExperimentFile file, List<String> overrides, Lineage lineage, String requiredDataSha256,
            List<Callback> hooks) {
        PreparedExperiment prepared;
        Map<String, String> facts;
        // Git's processes run while the data loads; closing ends them whatever fails before their answer is read.
        try (GitState.Pending git = ProvenanceCollector.startGit(file.path())) {
            prepared = assembler.prepare(file, overrides);
            String dataSha256 = prepared.setup().dataset().sha256();
            if (requiredDataSha256 != null && !requiredDataSha256.equals(dataSha256)) {
                throw new TrainyardException("the data differ from the run's: it trained on data with SHA-256 "
                        + requiredDataSha256 + ", the data found now have " + dataSha256
                        + "; restore the original files (or point dataset.path at them)");
            }
            facts = provenance.collect(prepared.experiment(), prepared.setup().dataset(), overrides, git).facts();
        }
        timeline.lap("provenance");
        // Checked once the model is built: a command that trains opens its store meanwhile.
        database.requireWritable();
        timeline.lap("waiting for the store to open");
        Experiment experiment = prepared.experiment();
        TrainingSetup setup = prepared.setup();
        String runId = ids.next();
        // The recorder creates the run's folder first: if that fails, no run is left RUNNING in the database; if
        // the database refuses the run, its folder goes too.
        RunRecorder recorder = new RunRecorder(store, location, runId, experiment.logEvery(), heartbeat, outage);
        try {
            store.create(new NewRun(runId, experiment.name(), experiment.name(), Instant.now(), experiment.seed(),
                    setup.dataset().sha256(), experiment.file().toString(), experiment.fileText(),
                    experiment.params(), heartbeat, facts, lineage));
            timeline.lap("run record");
        } catch (RuntimeException e) {
            recorder.discard();
            throw e;
        }
        console.printf("Run %s of %s (seed %d, store %s)%n%s%n%n", runId, experiment.name(), experiment.seed(),
                location.describe(), setup.model().summary());
        return execute(runId, experiment, setup, recorder, Double.NaN, 0, hooks);
    }

    /**
     * Continues a run that crashed, was killed or failed from its last checkpoint to its planned epochs, as the
     * same run: what it recorded after that checkpoint's epoch is replaced.
     */
    public RunResult resume(RunDetails run, ExperimentFile file, List<String> overrides, Checkpoint last,
            byte[] checkpoint, double best, List<Callback> hooks) {
        database.requireWritable();
        PreparedExperiment prepared = assembler.prepare(file, overrides);
        Experiment experiment = prepared.experiment();
        TrainingSetup setup = prepared.setup();
        if (!run.summary().datasetSha256().equals(setup.dataset().sha256())) {
            throw new TrainyardException("the data differ from the run's: it trained on data with SHA-256 "
                    + run.summary().datasetSha256() + ", the data found now have " + setup.dataset().sha256());
        }
        ModelFile.restore(checkpoint, setup.model(), setup.optimizer(), setup.callbacks(), last.path());
        int completed = last.epoch();
        long steps = (long) completed * RunContext.batchesPerEpoch(setup.dataset().train().size(),
                experiment.batchSize());
        String runId = run.summary().id();
        RunRecorder recorder = new RunRecorder(store, location, runId, experiment.logEvery(), heartbeat, outage,
                run.epochs().stream().filter(epoch -> epoch.epoch() <= completed).toList(), steps);
        store.reopen(runId, completed, steps, heartbeat, Instant.now());
        console.printf("Resuming run %s of %s after epoch %d of %d (store %s)%n%n", runId, experiment.name(),
                completed, experiment.epochs(), location.describe());
        return execute(runId, experiment, setup, recorder, best, completed, hooks);
    }

    private RunResult execute(String runId, Experiment experiment, TrainingSetup setup, RunRecorder recorder,
            double best, int completedEpochs, List<Callback> hooks) {
        ActiveRun run = new ActiveRun(runId, experiment, setup, location.runDirectory(runId), console);
        FinalAccuracy finalAccuracy = new FinalAccuracy();
        try (InterruptGuard guard = new InterruptGuard(run, INTERRUPT_PATIENCE,
                () -> store.finish(runId, RunStatus.KILLED, null, null), database::close)) {
            // Called after the experiment's callbacks: a checkpoint holds what they did at the epoch's end.
            CheckpointRecorder checkpoints = new CheckpointRecorder(store, location, runId,
                    setup.model(), setup.callbacks(), best);
            List<Callback> engineHooks = new ArrayList<>(List.of(recorder, finalAccuracy));
            engineHooks.addAll(hooks);
            RunResult result = train(experiment, setup, run, engineHooks, checkpoints, finalAccuracy,
                    completedEpochs);
            // Printed before the guard closes: on Ctrl-C the JVM halts as soon as it does.
            console.printf(Locale.ROOT, "Run %s %s%s%nSee it with: trainyard show %s%n", runId, result.status(),
                    Double.isNaN(result.finalTestAccuracy()) ? "" : String.format(Locale.ROOT,
                            ", final test accuracy %.2f%%", 100 * result.finalTestAccuracy()), runId);
            return result;
        }
    }

    /** @param hooks the engine's callbacks, the recorder first */
    private static RunResult train(Experiment experiment, TrainingSetup setup, ActiveRun run, List<Callback> hooks,
            Callback checkpoints, FinalAccuracy finalAccuracy, int completedEpochs) {
        try {
            RunStatus status = new Trainer().train(experiment, setup, run, hooks, List.of(checkpoints),
                    completedEpochs);
            return new RunResult(run.runId(), status, finalAccuracy.value, null);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // The recorder has marked the run FAILED with this message; the caller reports it.
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            return new RunResult(run.runId(), RunStatus.FAILED, finalAccuracy.value, message);
        }
    }

    /** Remembers the last epoch's test accuracy for the closing line. */
    private static final class FinalAccuracy implements Callback {

        private double value = Double.NaN;

        @Override
        public void onEpochEnd(RunContext run, EpochResult result) {
            value = result.testAccuracy();
        }
    }
}
