package io.trainyard.engine.training;

import io.trainyard.api.callback.MetricNames;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.model.ParameterView;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.engine.config.Experiment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The engine's side of {@link RunContext}: the run's facts plus the stop and interrupt flags the trainer polls. */
public final class ActiveRun implements RunContext {

    private final String runId;
    private final String experimentName;
    private final Map<String, Object> params;
    private final int epochs;
    private final int batchSize;
    private final int trainSamples;
    private final PrintStream console;
    private final Path runDirectory;
    private final Optimizer optimizer;
    private final ParameterView parameters;
    private volatile String stopReason;
    private volatile boolean interrupted;
    private final Map<String, Double> epochMetrics = new LinkedHashMap<>();

    public ActiveRun(String runId, Experiment experiment, TrainingSetup setup, Path runDirectory,
            PrintStream console) {
        this.runId = runId;
        this.experimentName = experiment.name();
        this.params = Collections.unmodifiableMap(experiment.params());
        this.epochs = experiment.epochs();
        this.batchSize = experiment.batchSize();
        this.trainSamples = setup.dataset().train().size();
        this.runDirectory = runDirectory;
        this.optimizer = setup.optimizer();
        this.parameters = new ParameterView(setup.model().parameters());
        this.console = console;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String experimentName() {
        return experimentName;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int trainSamples() {
        return trainSamples;
    }

    @Override
    public int batchesPerEpoch() {
        return RunContext.batchesPerEpoch(trainSamples, batchSize);
    }

    @Override
    public PrintStream console() {
        return console;
    }

    @Override
    public Path runDirectory() {
        return runDirectory;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public ParameterView parameters() {
        return parameters;
    }

    @Override
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason == null ? "stopped by a callback" : reason;
        }
    }

    @Override
    public String stopReason() {
        return stopReason;
    }

    @Override
    public void logMetric(String name, double value) {
        epochMetrics.put(MetricNames.check(name), value);
    }

    @Override
    public Map<String, Double> epochMetrics() {
        return Collections.unmodifiableMap(epochMetrics);
    }

    /** Forgets the metrics logged for the previous epoch. */
    void startEpoch() {
        epochMetrics.clear();
    }

    public boolean stopRequested() {
        return stopReason != null;
    }

    /** Marks the run as interrupted by the user; the trainer ends it KILLED at the next batch. */
    public void interrupt() {
        interrupted = true;
    }

    public boolean interrupted() {
        return interrupted;
    }
}
