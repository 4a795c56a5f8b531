package io.trainyard.api.model;

import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;

/** A plugin that builds a {@link Model}; register it in {@code META-INF/services/io.trainyard.api.model.ModelFactory}. */
public interface ModelFactory extends Plugin {

    /** Builds and initialises a model for the given input shape and number of outputs. */
    Model create(PluginConfig config, ModelContext context);
}
