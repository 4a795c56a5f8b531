package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code softmax(dim=-1)}. */
public final class SoftmaxFactory implements LayerFactory {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String description() {
        return "exp(x_i) / sum_j exp(x_j) along dim (default the last), as torch.nn.Softmax";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return SoftmaxLayers.hyperParameters();
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return SoftmaxLayers.create(name(), false, config, context);
    }
}
