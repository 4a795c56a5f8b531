package io.trainyard.plugins.optim;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.List;

/** {@code adam}: PyTorch's Adam, with L2 weight decay added to the gradient and optional AMSGrad. */
public class AdamFactory implements OptimizerFactory {

    private final String name;
    private final String description;
    private final double defaultWeightDecay;
    private final boolean decoupled;

    public AdamFactory() {
        this("adam", "Adam with optional AMSGrad and L2 weight decay (PyTorch torch.optim.Adam)", 0, false);
    }

    AdamFactory(String name, String description, double defaultWeightDecay, boolean decoupled) {
        this.name = name;
        this.description = description;
        this.defaultWeightDecay = defaultWeightDecay;
        this.decoupled = decoupled;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.decimal("lr", 1e-3, Range.greaterThan(0), "learning rate"),
                HyperParameter.decimalList("betas", List.of(0.9, 0.999), Range.closedOpen(0, 1),
                        "decay rates of the first and second moment estimates"),
                HyperParameter.decimal("eps", 1e-8, Range.atLeast(0), "added to the denominator for stability"),
                HyperParameter.decimal("weight_decay", defaultWeightDecay, Range.atLeast(0),
                        decoupled ? "decoupled weight decay" : "L2 penalty added to the gradient"),
                HyperParameter.bool("amsgrad", false, "use the maximum of past second moments (AMSGrad)"),
                Maximize.PARAMETER);
    }

    @Override
    public final void validate(PluginConfig config) {
        if (config.getDoubleList("betas").size() != 2) {
            throw new TrainyardException("optimizer.betas needs two values, e.g. [0.9, 0.999]; got "
                    + config.getDoubleList("betas"));
        }
    }

    @Override
    public final Optimizer create(PluginConfig config, Parameters parameters) {
        List<Double> betas = config.getDoubleList("betas");
        return new Adam(parameters, config.getDouble("lr"), betas.get(0), betas.get(1), config.getDouble("eps"),
                config.getDouble("weight_decay"), config.getBoolean("amsgrad"), decoupled)
                .maximizing(config.getBoolean(Maximize.KEY));
    }
}
