package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code log-softmax(dim=-1)}. */
public final class LogSoftmaxFactory implements LayerFactory {

    @Override
    public String name() {
        return "log-softmax";
    }

    @Override
    public String description() {
        return "log of softmax along dim (default the last), computed stably, as torch.nn.LogSoftmax; pair it with the nll loss";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return SoftmaxLayers.hyperParameters();
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return SoftmaxLayers.create(name(), true, config, context);
    }
}
