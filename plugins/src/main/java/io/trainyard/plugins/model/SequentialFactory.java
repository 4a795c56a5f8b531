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
 * {@code [conv2d(8 padding=1), relu, maxpool2d, flatten, linear]}. Each name is a layer plugin, built-in or
 * third-party. Input sizes are inferred; a {@code linear} without a size maps to the model's outputs.
 */
public final class SequentialFactory implements ModelFactory {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String description() {
        return "The listed layers in order; any layer plugin can be named ('trainyard plugins' lists them)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.stringList("layers", List.of("flatten", "linear(128)", "relu", "linear"),
                "layers in order, each name or name(arguments), e.g. conv2d(16 kernel_size=3 padding=1)"));
    }

    /** Checks the syntax; names and arguments are checked when the model is built, against the layer plugins. */
    @Override
    public void validate(PluginConfig config) {
        specs(config);
    }

    @Override
    public Model create(PluginConfig config, ModelContext context) {
        List<Layer> layers = new ArrayList<>();
        long[] shape = context.sampleShape();
        for (LayerSpec spec : specs(config)) {
            LayerBuilder.BuiltLayer built = LayerBuilder.build(spec, shape, context);
            layers.add(built.layer());
            shape = built.outputShape();
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
