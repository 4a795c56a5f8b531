package io.trainyard.plugins.optim;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.List;

/** {@code adagrad}: PyTorch's Adagrad with learning-rate decay. */
public final class AdagradFactory implements OptimizerFactory {

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public String description() {
        return "Adagrad with learning-rate decay (PyTorch torch.optim.Adagrad)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.decimal("lr", 1e-2, Range.greaterThan(0), "learning rate"),
                HyperParameter.decimal("lr_decay", 0, Range.atLeast(0), "learning-rate decay per step"),
                HyperParameter.decimal("weight_decay", 0, Range.atLeast(0), "L2 penalty added to the gradient"),
                HyperParameter.decimal("initial_accumulator_value", 0, Range.atLeast(0),
                        "starting value of the sum of squared gradients"),
                HyperParameter.decimal("eps", 1e-10, Range.atLeast(0), "added to the denominator for stability"),
                Maximize.PARAMETER);
    }

    @Override
    public Optimizer create(PluginConfig config, Parameters parameters) {
        return new Adagrad(parameters, config.getDouble("lr"), config.getDouble("lr_decay"),
                config.getDouble("initial_accumulator_value"), config.getDouble("eps"),
                config.getDouble("weight_decay")).maximizing(config.getBoolean(Maximize.KEY));
    }
}
