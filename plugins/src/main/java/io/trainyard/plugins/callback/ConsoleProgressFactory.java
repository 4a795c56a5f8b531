package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import java.util.List;

/** {@code console-progress}: the training loss every N batches and the test result of every epoch. */
public final class ConsoleProgressFactory implements CallbackFactory {

    @Override
    public String name() {
        return "console-progress";
    }

    @Override
    public String description() {
        return "Prints the training loss every N batches and the test accuracy and loss after each epoch";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integer("every", 100, Range.atLeast(1), "print the loss every N batches"));
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public Callback create(PluginConfig config) {
        return new ConsoleProgress(config.getInt("every"));
    }
}
