package io.trainyard.api.optim;

import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Parameters;

/**
 * A plugin that builds an {@link Optimizer}; register it in
 * {@code META-INF/services/io.trainyard.api.optim.OptimizerFactory}.
 */
public interface OptimizerFactory extends Plugin {

    Optimizer create(PluginConfig config, Parameters parameters);
}
