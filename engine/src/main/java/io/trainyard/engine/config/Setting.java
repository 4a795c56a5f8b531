package io.trainyard.engine.config;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.Range;
import java.util.function.Function;

/**
 * The settings outside any plugin section, each declared once: its key, type, default and range for validation, and
 * how a resolved {@link Experiment} gives it back as a recorded param ({@code null} for the ones not recorded).
 * {@code seed} has no default: a missing seed is drawn and recorded.
 */
public enum Setting {
    NAME(HyperParameter.string("name", null, "experiment name (default: the file name)"), Experiment::name),
    DESCRIPTION(HyperParameter.string("description", null, "free text"), null),
    SEED(HyperParameter.integer("seed", 0, Range.atLeast(0), "root seed of every random source"), Experiment::seed),
    BATCH_SIZE(HyperParameter.integer("batch_size", 64, Range.closed(1, 1 << 20), "training batch size"),
            experiment -> (long) experiment.batchSize()),
    EPOCHS(HyperParameter.integer("epochs", 1, Range.closed(1, 1_000_000), "number of epochs"),
            experiment -> (long) experiment.epochs()),
    /**
     * 256, not more: a layer's buffers grow with the batch (a small CNN's took 200 MB at 1 000 samples, and 0.6 s to
     * fault in at the first evaluation), while the evaluations are no faster for larger batches. Runs recorded with
     * the earlier default of 1 000 rerun with it (RecordedExperiment).
     */
    EVAL_BATCH_SIZE(HyperParameter.integer("eval_batch_size", 256, Range.closed(1, 1 << 20),
            "test loop batch size"), experiment -> (long) experiment.evalBatchSize()),
    LOG_EVERY(HyperParameter.integer("log_every", 100, Range.atLeast(1), "record the training loss every N batches"),
            experiment -> (long) experiment.logEvery()),
    THREADS(HyperParameter.integer("threads", Runtime.getRuntime().availableProcessors(), Range.closed(1, 1024),
            "threads for the layers that split each batch in halves (default: all cores)"),
            experiment -> (long) experiment.threads());

    private final HyperParameter declaration;
    private final Function<Experiment, Object> recorded;

    Setting(HyperParameter declaration, Function<Experiment, Object> recorded) {
        this.declaration = declaration;
        this.recorded = recorded;
    }

    public String key() {
        return declaration.name();
    }

    public HyperParameter declaration() {
        return declaration;
    }

    /**
     * Whether it changes what a run records, so that a run resolved again from its record (rerun, resume, evaluate)
     * must have the value it recorded; not the name, nor the threads, which change speed, never results, and follow
     * the machine.
     */
    public boolean changesResults() {
        return switch (this) {
            case SEED, BATCH_SIZE, EPOCHS, EVAL_BATCH_SIZE, LOG_EVERY -> true;
            case NAME, DESCRIPTION, THREADS -> false;
        };
    }

    /**
     * Whether a run that leaves it unset resolves to {@code value}: its default does; the seed never does, as a run
     * without one draws it anew.
     */
    public boolean unsetResolvesTo(Object value) {
        return this != SEED && String.valueOf(declaration.defaultValue()).equals(String.valueOf(value));
    }

    /** Whether runs record it as a param. */
    boolean isRecorded() {
        return recorded != null;
    }

    Object value(Experiment experiment) {
        return recorded.apply(experiment);
    }
}
