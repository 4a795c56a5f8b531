package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code dropout(p=0.5)}: inverted dropout, seeded from the model's random source. */
public final class DropoutFactory implements LayerFactory {

    /** A dropout probability, as PyTorch takes it: 1 zeroes everything. */
    public static final Range PROBABILITY = Range.closed(0, 1);


    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String description() {
        return "Zeroes each value with probability p in training and scales the rest by 1/(1-p); the identity in"
                + " evaluation";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.decimal("p", 0.5, PROBABILITY, "probability of zeroing a value"));
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return new Dropout(config.getDouble("p"), context.random().nextLong());
    }
}
