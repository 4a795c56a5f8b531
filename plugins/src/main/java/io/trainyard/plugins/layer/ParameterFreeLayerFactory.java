package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;
import java.util.function.Supplier;

/** The factory of a layer that takes no arguments and fits any input shape, such as an activation. */
abstract class ParameterFreeLayerFactory implements LayerFactory {

    private final String name;
    private final String description;
    private final Supplier<Layer> layer;

    ParameterFreeLayerFactory(String name, String description, Supplier<Layer> layer) {
        this.name = name;
        this.description = description;
        this.layer = layer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of();
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return layer.get();
    }
}
