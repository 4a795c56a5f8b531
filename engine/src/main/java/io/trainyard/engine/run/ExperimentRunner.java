package io.trainyard.engine.run;

import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.RunRecorder;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.training.ActiveRun;
import io.trainyard.engine.training.ExperimentAssembler;
import io.trainyard.engine.training.ThreadSettings;
import io.trainyard.engine.training.Trainer;
import io.trainyard.engine.training.TrainingSetup;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs an experiment file end to end: validate it, build its components, open a run record, train with the recorder
 * hooked in, and close the record whatever happens. Everything that can be rejected (configuration, plugins, data)
 * is rejected before the run record exists, so bad input never leaves a run behind.
 */
public final class ExperimentRunner {

    private static final Duration INTERRUPT_PATIENCE = Duration.ofSeconds(20);

    private final ExperimentResolver resolver;
    private final ExperimentAssembler assembler;
    private final RunStore store;
    private final StoreLocation location;
    private final PrintStream console;
    private final RunIds ids = new RunIds();

    @Inject
    public ExperimentRunner(ExperimentResolver resolver, ExperimentAssembler assembler, RunStore store,
            StoreLocation location, PrintStream console) {
        this.resolver = resolver;
        this.assembler = assembler;
        this.store = store;
        this.location = location;
        this.console = console;
    }

    public RunResult run(Path experimentFile, List<String> overrides) {
        Experiment experiment = resolver.resolve(ExperimentFile.read(experimentFile), overrides);
        ThreadSettings.apply(experiment.threads());
        TrainingSetup setup = assembler.assemble(experiment);
        String runId = ids.next();
        store.create(new NewRun(runId, experiment.name(), experiment.name(), Instant.now(), experiment.seed(),
                setup.dataset().sha256(), experiment.file().toString(), experiment.fileText(), experiment.params()));
        console.printf("Run %s of %s (seed %d, store %s)%n%s%n%n", runId, experiment.name(), experiment.seed(),
                location.directory(), setup.model().summary());
        ActiveRun run = new ActiveRun(runId, experiment.name(), experiment.params(), experiment.epochs(),
                experiment.batchSize(), setup.dataset().train().size(), console);
        FinalAccuracy finalAccuracy = new FinalAccuracy();
        RunStatus status;
        try (InterruptGuard guard = new InterruptGuard(run, INTERRUPT_PATIENCE,
                () -> store.finish(runId, RunStatus.KILLED, null, null))) {
            RunRecorder recorder = new RunRecorder(store, location, runId, experiment.logEvery());
            status = new Trainer().train(experiment, setup, run, List.of(recorder, finalAccuracy));
        }
        return new RunResult(runId, status, finalAccuracy.value());
    }

    /** Remembers the last epoch's test accuracy for the closing line. */
    private static final class FinalAccuracy implements io.trainyard.api.callback.Callback {

        private double value = Double.NaN;

        @Override
        public void onEpochEnd(io.trainyard.api.callback.RunContext run,
                io.trainyard.api.callback.EpochResult result) {
            value = result.testAccuracy();
        }

        double value() {
            return value;
        }
    }
}
