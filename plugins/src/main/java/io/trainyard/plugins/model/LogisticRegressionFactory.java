package io.trainyard.plugins.model;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.model.Sequential;
import io.trainyard.plugins.layer.Flatten;
import io.trainyard.plugins.layer.Linear;
import java.util.List;

/**
 * {@code logistic-regression}: one linear layer from the flattened input to the outputs. With cross-entropy it is
 * multinomial logistic regression; with bce-with-logits, one binary classifier per output.
 */
public final class LogisticRegressionFactory implements ModelFactory {

    @Override
    public String name() {
        return "logistic-regression";
    }

    @Override
    public String description() {
        return "A single linear layer on the flattened input (train it with cross-entropy)";
    }

    @Override
    public Model create(PluginConfig config, ModelContext context) {
        return new Sequential(List.of(new Flatten(), new Linear(Flatten.length(context.sampleShape()),
                context.outputs())), context);
    }
}
