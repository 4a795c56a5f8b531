package io.trainyard.api.model;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.Plugin;

/**
 * A plugin that builds a {@link Layer}, so that models which assemble layers by name (the built-in
 * {@code sequential}) can use it; register it in {@code META-INF/services/io.trainyard.api.model.LayerFactory}.
 *
 * <p>The hyperparameters are the layer's arguments. In an experiment file's layer list, {@code conv2d(16 kernel_size=3)}
 * fills them positionally in declaration order, then by name; omitted ones take their defaults. Sizes that follow
 * from the input (a linear layer's inputs, a convolution's input channels) come from
 * {@link LayerContext#inputShape()} and are not arguments.
 */
public interface LayerFactory extends Plugin {

    /**
     * Builds the layer for its input shape.
     *
     * @throws IllegalArgumentException if the settings or the input shape do not suit the layer, with a message that
     *     names the layer and the fix, e.g. "linear needs flat inputs, got shape [4, 4, 4]; add flatten before it"
     */
    Layer create(PluginConfig config, LayerContext context);
}
