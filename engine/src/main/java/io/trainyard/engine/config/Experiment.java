package io.trainyard.engine.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated experiment: every setting resolved, defaults included, every plugin known to exist.
 *
 * @param name experiment name, grouping its runs
 * @param seed root seed of every random source of a run
 * @param batchSize training batch size
 * @param epochs planned epochs
 * @param evalBatchSize batch size of the test loop (changes speed and the test metrics' last bits)
 * @param logEvery record the training loss every this many batches
 * @param threads the run's thread budget, for layers that run each batch's halves at once
 * @param callbacks callbacks in the order they are called
 * @param file where the experiment was read from
 * @param fileText the experiment file's text, as read
 */
public record Experiment(String name, String description, long seed, int batchSize, int epochs, int evalBatchSize,
        int logEvery, int threads, PluginChoice dataset, PluginChoice model, PluginChoice loss,
        PluginChoice optimizer, List<PluginChoice> callbacks, Path file, String fileText) {

    public Experiment {
        callbacks = List.copyOf(callbacks);
    }

    /**
     * Every resolved hyperparameter under its dotted key ({@code optimizer.lr}, {@code callbacks.console-progress.every}),
     * with its typed value: numbers stay numbers.
     */
    public Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            if (setting.isRecorded()) {
                params.put(setting.key(), setting.value(this));
            }
        }
        for (PluginChoice choice : List.of(dataset, model, loss, optimizer)) {
            String prefix = choice.kind().label() + ".";
            params.put(prefix + "name", choice.name());
            choice.config().asMap().forEach((key, value) -> params.put(prefix + key, value));
        }
        for (PluginChoice callback : callbacks) {
            String prefix = "callbacks." + callback.name();
            params.put(prefix, true);
            callback.config().asMap().forEach((key, value) -> params.put(prefix + "." + key, value));
        }
        return params;
    }
}
