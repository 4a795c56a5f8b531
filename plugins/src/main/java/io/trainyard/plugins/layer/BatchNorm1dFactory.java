package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code batchnorm1d(eps=1e-5 momentum=0.1)}: batch normalisation of flat features, as PyTorch's BatchNorm1d. */
public final class BatchNorm1dFactory implements LayerFactory {

    @Override
    public String name() {
        return "batchnorm1d";
    }

    @Override
    public String description() {
        return "Batch normalisation of flat features with learned scale and shift; evaluation uses running"
                + " statistics";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.decimal("eps", 1e-5, Range.greaterThan(0), "added to the variance"),
                HyperParameter.decimal("momentum", 0.1, Range.closed(0, 1),
                        "weight of the batch in the running statistics"));
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return new BatchNorm1d(Math.toIntExact(LayerInputs.flat(name(), context.inputShape())),
                config.getDouble("eps"), config.getDouble("momentum"));
    }
}
