package io.trainyard.plugins.model;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.model.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sequential}: the layers listed in the experiment file, in order, e.g.
 * {@code [conv2d(8 padding=1), relu, maxpool2d, flatten, linear]}. Input sizes are inferred; a {@code linear}
 * without a size maps to the model's outputs.
 */
public final class SequentialFactory implements ModelFactory {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String description() {
        return "Layers listed by name: " + String.join(", ", LayerCatalog.names());
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.stringList("layers", List.of("flatten", "linear(128)", "relu", "linear"),
                "layers in order, each name or name(arguments), e.g. conv2d(16 kernel=3 padding=1)"));
    }

    @Override
    public void validate(PluginConfig config) {
        specs(config).forEach(LayerCatalog::check);
    }

    @Override
    public Model create(PluginConfig config, ModelContext context) {
        List<Layer> layers = new ArrayList<>();
        long[] shape = context.sampleShape();
        for (LayerSpec spec : specs(config)) {
            Layer layer = LayerCatalog.build(spec, shape, context);
            shape = LayerCatalog.outputShape(spec, layer, shape);
            layers.add(layer);
        }
        return new Sequential(layers, context);
    }

    private static List<LayerSpec> specs(PluginConfig config) {
        List<String> texts = config.getStringList("layers");
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            specs.add(LayerSpec.parse("model.layers[" + i + "]", texts.get(i)));
        }
        return specs;
    }
}
