package io.trainyard.testkit;

import io.trainyard.api.callback.MetricNames;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.model.ParameterView;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RunContext} for testing a callback without the engine: fixed run facts, a console captured in memory,
 * and the stop request remembered for assertions.
 */
public final class TestRun implements RunContext {

    private final int epochs;
    private final int batchSize;
    private final int trainSamples;
    private final Map<String, Object> params;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    private String stopReason;
    private Optimizer optimizer;
    private ParameterView parameters;
    private Path runDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private final Map<String, Double> epochMetrics = new LinkedHashMap<>();

    /** A run of {@code epochs} epochs over {@code trainSamples} samples in batches of {@code batchSize}. */
    public TestRun(int epochs, int batchSize, int trainSamples, Map<String, Object> params) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.trainSamples = trainSamples;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public String experimentName() {
        return "test";
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

    /** Points {@link #runDirectory()} somewhere else (a test's temporary directory); returns this run. */
    public TestRun withRunDirectory(Path directory) {
        this.runDirectory = directory;
        return this;
    }

    /** The optimizer given with {@link #withOptimizer}; an exception without one. */
    @Override
    public Optimizer optimizer() {
        if (optimizer == null) {
            throw new IllegalStateException("this TestRun has no optimizer; give it one with withOptimizer(...)");
        }
        return optimizer;
    }

    /** Gives the run an optimizer, for callbacks that schedule the learning rate; returns this run. */
    public TestRun withOptimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
        return this;
    }

    /** The parameters given with {@link #withParameters}; an exception without them. */
    @Override
    public ParameterView parameters() {
        if (parameters == null) {
            throw new IllegalStateException("this TestRun has no parameters; give it some with withParameters(...)");
        }
        return parameters;
    }

    /** Gives the run a model's parameters, for callbacks that read the weights; returns this run. */
    public TestRun withParameters(Parameters parameters) {
        this.parameters = new ParameterView(parameters);
        return this;
    }

    /** Everything printed to {@link #console()} so far. */
    public String consoleText() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    @Override
    public String stopReason() {
        return stopReason;
    }

    /** Checks the name as the engine does and keeps the value; {@link #startEpoch} forgets them. */
    @Override
    public void logMetric(String name, double value) {
        epochMetrics.put(MetricNames.check(name), value);
    }

    @Override
    public Map<String, Double> epochMetrics() {
        return Collections.unmodifiableMap(epochMetrics);
    }

    /** Forgets the metrics logged so far, as the engine does when an epoch starts. */
    public void startEpoch() {
        epochMetrics.clear();
    }
}
