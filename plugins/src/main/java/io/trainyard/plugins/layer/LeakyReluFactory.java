package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code leaky-relu(negative_slope=0.01)}. */
public final class LeakyReluFactory implements LayerFactory {

    @Override
    public String name() {
        return "leaky-relu";
    }

    @Override
    public String description() {
        return "x for x >= 0, negative_slope * x otherwise, elementwise";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.decimal("negative_slope", 0.01, Range.any(), "slope for negative inputs"));
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return new LeakyRelu(config.getDouble("negative_slope"));
    }
}
