package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code linear(out_features)}: a fully connected layer; without a size it maps to the model's outputs. */
public final class LinearFactory implements LayerFactory {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String description() {
        return "Fully connected layer y = x W^T + b; input features are inferred";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(new HyperParameter("out_features", HyperParameter.Type.INTEGER, null, Range.atLeast(1),
                "output features; when left out, the model's number of outputs"),
                HyperParameter.bool("bias", true, "learn an additive bias"));
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        long in = LayerInputs.flat(name(), context.inputShape());
        return new Linear(in, config.has("out_features") ? config.getLong("out_features") : context.modelOutputs(),
                config.getBoolean("bias"));
    }
}
