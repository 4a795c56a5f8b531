package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code gelu(approximate=none)}: exact GELU, or its tanh approximation with {@code approximate=tanh}. */
public final class GeluFactory implements LayerFactory {

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public String description() {
        return "x * Phi(x), Phi the standard normal CDF, elementwise";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.string("approximate", "none", "none (exact, with erf) or tanh"));
    }

    @Override
    public void validate(PluginConfig config) {
        String approximate = config.getString("approximate");
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new TrainyardException("gelu approximate must be none or tanh, got '" + approximate + "'");
        }
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return new Gelu(config.getString("approximate").equals("tanh"));
    }
}
