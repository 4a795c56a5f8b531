package io.trainyard.api.loss;

import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;

/** A plugin that builds a {@link Loss}; register it in {@code META-INF/services/io.trainyard.api.loss.LossFactory}. */
public interface LossFactory extends Plugin {

    Loss create(PluginConfig config);
}
