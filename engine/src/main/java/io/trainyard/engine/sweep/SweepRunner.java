package io.trainyard.engine.sweep;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.config.Overrides;
import io.trainyard.engine.run.RunIds;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.Sha256;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepStore;
import io.trainyard.engine.tracking.Trial;
import io.trainyard.engine.tracking.TrialState;
import io.trainyard.engine.training.ExperimentAssembler;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code trainyard sweep}: plans a sweep's trials once and records them with the sweep, or finds the sweep the same
 * command started before and continues it (trials that ended are kept, interrupted ones resume or start again),
 * then runs the trials that remain, {@code parallel} at a time, each in a process of its own.
 */
public final class SweepRunner {

    private final ExperimentResolver resolver;
    private final ExperimentAssembler assembler;
    private final SweepStore store;
    private final SweepQueries queries;
    private final TrialScheduler scheduler;
    private final Heartbeat heartbeat;
    private final StoreLocation location;
    private final PrintStream console;
    private final RunIds ids = new RunIds();

    @Inject
    public SweepRunner(ExperimentResolver resolver, ExperimentAssembler assembler, SweepStore store,
            SweepQueries queries, TrialScheduler scheduler, Heartbeat heartbeat, StoreLocation location,
            PrintStream console) {
        this.resolver = resolver;
        this.assembler = assembler;
        this.store = store;
        this.queries = queries;
        this.scheduler = scheduler;
        this.heartbeat = heartbeat;
        this.location = location;
        this.console = console;
    }

    /**
     * @param threads thread budget per trial; 0 for an equal share of the cores
     * @param fresh start a new sweep even if this command's sweep exists
     * @param enqueue record the sweep QUEUED for workers ({@code trainyard worker}) rather than run its trials
     * @return the sweep as it ended, or as queued
     */
    public SweepRecord sweep(Path path, List<String> overrides, int parallel, int threads, boolean fresh,
            boolean enqueue) {
        ExperimentFile file = ExperimentFile.read(path);
        Map<String, Object> tree = Overrides.apply(file.tree(), overrides);
        SweepSpec spec = SweepSpec.of(tree).orElseThrow(() -> new TrainyardException(path + " has no '"
                + SweepSpec.KEY + "' block; add one saying what to vary (see the README, 'Sweeps'), or train the"
                + " experiment once with 'trainyard run " + path + "'"));
        int budget = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
        String definition = Sha256.of((file.text() + "\0" + String.join("\n", overrides))
                .getBytes(StandardCharsets.UTF_8));
        Optional<SweepRecord> previous = fresh ? Optional.empty() : queries.latest(definition);
        SweepRecord sweep;
        if (previous.isPresent()) {
            sweep = previous.get();
            List<TrialState> trials = queries.trials(sweep.id());
            long ended = trials.stream().filter(TrialState::ended).count();
            if (sweep.status().equals("RUNNING")) {
                throw new TrainyardException("sweep " + sweep.id() + " of this experiment is RUNNING in another"
                        + " process; wait for it to end, or pass --new to start a second sweep");
            }
            if (sweep.status().equals("QUEUED")) {
                if (!enqueue) {
                    throw new TrainyardException("sweep " + sweep.id() + " of this experiment is QUEUED for workers;"
                            + " start 'trainyard worker --sweep " + sweep.id() + "' on any machine that reaches the"
                            + " store, or pass --new to start a second sweep");
                }
                console.printf("Sweep %s of %s is already queued: %d of %d trials ended%n", sweep.id(), sweep.name(),
                        ended, trials.size());
                return sweep;
            }
            if (ended == trials.size()) {
                console.printf("Sweep %s of %s already ran its %d trials; rank them with 'trainyard compare --sweep"
                        + " %s', or run them again as a new sweep with --new%n", sweep.id(), sweep.name(),
                        trials.size(), sweep.id());
                if (!sweep.status().equals("FINISHED")) {
                    // Interrupted after its last trial ended (finish changes only a sweep that is still open).
                    store.reopen(sweep.id(), heartbeat, Instant.now());
                    store.finish(sweep.id(), "FINISHED", null);
                }
                return queries.find(sweep.id());
            }
            store.reopen(sweep.id(), heartbeat, Instant.now());
            console.printf("Continuing sweep %s of %s: %d of %d trials ended, %d to run, %d at a time with %d"
                    + " thread(s) each (store %s)%n", sweep.id(), sweep.name(), ended, trials.size(),
                    trials.size() - ended, parallel, budget, location.describe());
        } else {
            sweep = plan(file, overrides, spec, definition, budget, parallel, enqueue);
            if (enqueue) {
                return sweep;
            }
        }
        scheduler.run(sweep, parallel, budget);
        return queries.find(sweep.id());
    }

    /** Checks every trial's settings and the first trial's data and model, then records the sweep. */
    private SweepRecord plan(ExperimentFile file, List<String> overrides, SweepSpec spec, String definition,
            int budget, int parallel, boolean enqueue) {
        Experiment base = resolver.resolve(file, overrides);
        List<Trial> trials = TrialPlan.of(spec, base.seed());
        for (Trial trial : trials) {
            try {
                resolver.resolve(file, settings(overrides, trial, budget));
            } catch (TrainyardException e) {
                String section = spec.parameters().keySet().stream().filter(key -> key.endsWith(".name")).findFirst()
                        .map(key -> key.substring(0, key.length() - ".name".length())).orElse(null);
                throw new TrainyardException("sweep trial " + trial.number() + " (" + trial.label() + "): "
                        + e.getMessage() + (section == null ? "" : "; to give each " + section + " its own settings,"
                                + " sweep the whole section: '" + section + ": [{name: a, ...}, {name: b, ...}]'"), e);
            }
        }
        // Loads the data once before any trial: a missing file fails here, and a download lands in the cache once.
        assembler.prepare(file, settings(overrides, trials.get(0), budget));
        SweepRecord sweep = new SweepRecord(ids.next(), base.name(), enqueue ? "QUEUED" : "RUNNING", Instant.now(), null,
                spec.method().name().toLowerCase(java.util.Locale.ROOT), spec.repeats(), definition,
                file.path().toString(), file.text(), overrides, null);
        store.create(sweep, trials, heartbeat);
        String size = spec.method() == SweepSpec.Method.GRID ? spec.trials() + " combinations"
                : spec.trials() + " random configurations";
        String seeds = spec.repeats() > 1 ? " x " + spec.repeats() + " seeds" : "";
        if (enqueue) {
            console.printf("Sweep %s of %s: %d trials (%s%s) queued (store %s)%nStart workers on any machine that"
                    + " reaches the store: trainyard worker --sweep %s%n", sweep.id(), sweep.name(), trials.size(),
                    size, seeds, location.describe(), sweep.id());
            return sweep;
        }
        console.printf("Sweep %s of %s: %d trials (%s%s), %d at a time with %d thread(s) each (store %s)%n",
                sweep.id(), sweep.name(), trials.size(), size, seeds, parallel, budget, location.describe());
        return sweep;
    }

    private static List<String> settings(List<String> overrides, Trial trial, int threads) {
        List<String> settings = new ArrayList<>(overrides);
        settings.addAll(trial.assignments());
        settings.add("threads=" + threads);
        return settings;
    }
}
