package io.trainyard.plugins.model;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.model.Sequential;
import io.trainyard.plugins.layer.Flatten;
import io.trainyard.plugins.layer.Linear;
import io.trainyard.plugins.layer.Relu;
import io.trainyard.plugins.layer.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code mlp}: Flatten, then Linear and activation for each hidden size, then a Linear to the outputs. With
 * {@code hidden: [512, 512]} and {@code relu} it is the PyTorch quick-start network.
 */
public final class MlpFactory implements ModelFactory {

    private static final List<String> ACTIVATIONS = List.of("relu", "tanh");

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "Multi-layer perceptron: flatten, (linear, activation) per hidden size, linear to the outputs";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.integerList("hidden", List.of(512L, 512L), Range.atLeast(1), "hidden layer sizes"),
                HyperParameter.string("activation", "relu", "activation after each hidden layer: relu or tanh"));
    }

    @Override
    public void validate(PluginConfig config) {
        String activation = config.getString("activation");
        if (!ACTIVATIONS.contains(activation)) {
            throw new TrainyardException("model.activation '" + activation + "' is not supported; use one of "
                    + ACTIVATIONS);
        }
    }

    @Override
    public Model create(PluginConfig config, ModelContext context) {
        Supplier<Layer> activation = config.getString("activation").equals("tanh") ? Tanh::new : Relu::new;
        long inputs = 1;
        for (long dimension : context.sampleShape()) {
            inputs *= dimension;
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten());
        long width = inputs;
        for (long hidden : config.getLongList("hidden")) {
            layers.add(new Linear(width, hidden));
            layers.add(activation.get());
            width = hidden;
        }
        layers.add(new Linear(width, context.outputs()));
        return new Sequential(layers, context);
    }
}
