package io.trainyard.engine.training;

import io.trainyard.api.Plugin;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.api.data.Dataset;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.api.data.DatasetFactory;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.config.PluginChoice;
import io.trainyard.engine.plugin.LoadFailure;
import io.trainyard.engine.plugin.PluginDescriptor;
import io.trainyard.engine.plugin.PluginKind;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.timing.Timeline;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds an experiment's components through its plugins' factories, each seeded from the run's root seed. */
public final class ExperimentAssembler {

    private final PluginRegistry registry;
    private final DatasetContext datasetContext;
    private final ExperimentResolver resolver;
    private final PrintStream console;
    private final Timeline timeline;
    private final NativeStart nativeStart;

    @Inject
    public ExperimentAssembler(PluginRegistry registry, DatasetContext datasetContext, ExperimentResolver resolver,
            PrintStream console, Timeline timeline, NativeStart nativeStart) {
        this.registry = registry;
        this.datasetContext = datasetContext;
        this.resolver = resolver;
        this.console = console;
        this.timeline = timeline;
        this.nativeStart = nativeStart;
    }

    /**
     * Reads and validates an experiment file, sets the thread counts it asks for and builds its components. Plugins
     * that failed to load are reported first: the experiment may be about to miss one.
     */
    public PreparedExperiment prepare(Path file, List<String> overrides) {
        return prepare(ExperimentFile.read(file), overrides);
    }

    /** As {@link #prepare(Path, List)}, from an experiment's text already read (a recorded run's). */
    public PreparedExperiment prepare(ExperimentFile file, List<String> overrides) {
        for (LoadFailure failure : registry.failures()) {
            console.printf("warning: skipped a plugin that failed to load from %s: %s%n", failure.origin(),
                    failure.reason());
        }
        Experiment experiment = resolver.resolve(file, overrides);
        timeline.lap("plugins and experiment file");
        // ND4J starts on another thread (the command began it) while the dataset loads; its thread counts are then
        // set on this thread, which trains, before the model exists.
        nativeStart.begin();
        TrainingSetup setup = assemble(experiment, () -> {
            timeline.lap("callbacks and data");
            nativeStart.await();
            ThreadSettings.apply();
            timeline.lap("waiting for ND4J's native start");
        });
        setup.model().useThreads(experiment.threads());
        setup.optimizer().useThreads(experiment.threads());
        return new PreparedExperiment(experiment, setup);
    }

    public TrainingSetup assemble(Experiment experiment) {
        return assemble(experiment, () -> { });
    }

    /** Builds the experiment's components; {@code beforeModel} runs once the dataset is loaded. */
    private TrainingSetup assemble(Experiment experiment, Runnable beforeModel) {
        // Callbacks first: they need no data, and a watched metric that no one records is refused before the load.
        List<Callback> callbacks = new ArrayList<>();
        for (PluginChoice choice : experiment.callbacks()) {
            callbacks.add(build(choice, CallbackFactory.class, factory -> factory.create(choice.config())));
        }
        checkWatchedMetrics(experiment.callbacks(), callbacks);
        // The phases before the first batch take seconds: say what is happening.
        long start = System.nanoTime();
        console.printf("Loading data (%s)... ", experiment.dataset().name());
        console.flush();
        Dataset dataset = build(experiment.dataset(), DatasetFactory.class,
                factory -> factory.load(experiment.dataset().config(),
                        datasetContext.withSeed(Seeds.derive(experiment.seed(), Seeds.DATA_GENERATE))));
        console.printf(Locale.ROOT, "%,d train and %,d test samples in %.1f s%n", dataset.train().size(),
                dataset.test().size(), (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        console.printf("Starting ND4J, building the model (%s), loss (%s) and optimizer (%s)... ",
                experiment.model().name(), experiment.loss().name(), experiment.optimizer().name());
        console.flush();
        beforeModel.run();
        int outputs = dataset.classes() > 0 ? dataset.classes() : (int) product(dataset.targetShape());
        ModelContext modelContext = new ModelContext(dataset.sampleShape(), outputs, DataType.FLOAT,
                new SingleThreadRandom(Seeds.derive(experiment.seed(), Seeds.MODEL_INIT)), layerPlugins());
        Model model = build(experiment.model(), ModelFactory.class,
                factory -> factory.create(experiment.model().config(), modelContext));
        Loss loss = build(experiment.loss(), LossFactory.class,
                factory -> factory.create(experiment.loss().config()));
        Optimizer optimizer = build(experiment.optimizer(), OptimizerFactory.class,
                factory -> factory.create(experiment.optimizer().config(), model.parameters()));
        timeline.lap("model, loss and optimizer");
        console.printf(Locale.ROOT, "%.1f s%n", (System.nanoTime() - start) / 1e9);
        return new TrainingSetup(dataset, model, loss, optimizer, callbacks);
    }

    /** What early stopping or a plateau rule watches must be a metric this run records. */
    private static void checkWatchedMetrics(List<PluginChoice> choices, List<Callback> callbacks) {
        Set<String> recorded = new TreeSet<>(MetricNames.BUILT_IN);
        callbacks.forEach(callback -> recorded.addAll(callback.loggedMetrics()));
        for (int i = 0; i < callbacks.size(); i++) {
            for (String metric : callbacks.get(i).watchedMetrics()) {
                if (!recorded.contains(metric)) {
                    throw new TrainyardException("callback '" + choices.get(i).name() + "' watches the metric '"
                            + metric + "', which this run does not record; it records " + String.join(", ", recorded)
                            + " (a callback's own metrics count when it declares them)");
                }
            }
        }
    }

    private Map<String, LayerFactory> layerPlugins() {
        Map<String, LayerFactory> layers = new HashMap<>();
        for (PluginDescriptor descriptor : registry.ofKind(PluginKind.LAYER)) {
            layers.put(descriptor.name(), (LayerFactory) descriptor.plugin());
        }
        return layers;
    }

    /** Runs a factory; a plugin's own failure becomes one line naming the plugin. */
    private <F extends Plugin, T> T build(PluginChoice choice, Class<F> type, Function<F, T> create) {
        F factory = registry.factory(choice.kind(), choice.name(), type);
        try {
            return create.apply(factory);
        } catch (TrainyardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TrainyardException(choice.kind().label() + " '" + choice.name() + "' could not be built: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
    }

    private static long product(long[] shape) {
        long product = 1;
        for (long dimension : shape) {
            product *= dimension;
        }
        return product;
    }
}
