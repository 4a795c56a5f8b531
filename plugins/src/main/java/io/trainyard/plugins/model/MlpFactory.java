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
import io.trainyard.plugins.layer.Dropout;
import io.trainyard.plugins.layer.DropoutFactory;
import io.trainyard.plugins.layer.Flatten;
import io.trainyard.plugins.layer.Linear;
import io.trainyard.plugins.layer.LeakyRelu;
import io.trainyard.plugins.layer.Relu;
import io.trainyard.plugins.layer.Sigmoid;
import io.trainyard.plugins.layer.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code mlp}: Flatten, then Linear, activation and optional dropout for each hidden size, then a Linear to the outputs. With
 * {@code hidden: [512, 512]} and {@code relu} it is the PyTorch quick-start network.
 */
public final class MlpFactory implements ModelFactory {

    private static final List<String> ACTIVATIONS = List.of("relu", "leaky-relu", "tanh", "sigmoid");

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
                HyperParameter.string("activation", "relu",
                        "activation after each hidden layer: relu, leaky-relu, tanh or sigmoid"),
                HyperParameter.decimal("negative_slope", 0.01, Range.atLeast(0),
                        "slope of leaky-relu for negative inputs"),
                HyperParameter.decimal("dropout", 0.0, DropoutFactory.PROBABILITY,
                        "dropout probability after each hidden activation"));
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
        double slope = config.getDouble("negative_slope");
        double dropout = config.getDouble("dropout");
        Supplier<Layer> activation = switch (config.getString("activation")) {
            case "leaky-relu" -> () -> new LeakyRelu(slope);
            case "tanh" -> Tanh::new;
            case "sigmoid" -> Sigmoid::new;
            default -> Relu::new;
        };
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten());
        long width = Flatten.length(context.sampleShape());
        for (long hidden : config.getLongList("hidden")) {
            layers.add(new Linear(width, hidden));
            layers.add(activation.get());
            if (dropout > 0) {
                layers.add(new Dropout(dropout, context.random().nextLong()));
            }
            width = hidden;
        }
        layers.add(new Linear(width, context.outputs()));
        return new Sequential(layers, context);
    }
}
