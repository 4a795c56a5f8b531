package com.example.trainyard;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code swish(beta=1)}: a layer plugin, usable in any {@code sequential} model's layer list. */
public final class SwishFactory implements LayerFactory {

    @Override
    public String name() {
        return "swish";
    }

    @Override
    public String description() {
        return "x * sigmoid(beta x), elementwise (SiLU for beta = 1)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.decimal("beta", 1.0, Range.greaterThan(0), "steepness of the gate"));
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return new Swish(config.getDouble("beta"));
    }
}
