package io.trainyard.plugins.optim;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.List;

/** {@code sgd}: PyTorch's SGD with momentum, dampening, Nesterov and weight decay. */
public final class SgdFactory implements OptimizerFactory {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "Stochastic gradient descent with momentum (PyTorch torch.optim.SGD)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.decimal("lr", 1e-3, Range.greaterThan(0), "learning rate"),
                HyperParameter.decimal("momentum", 0, Range.atLeast(0), "momentum factor"),
                HyperParameter.decimal("dampening", 0, Range.closed(0, 1), "dampening of the momentum"),
                HyperParameter.decimal("weight_decay", 0, Range.atLeast(0), "L2 penalty added to the gradient"),
                HyperParameter.bool("nesterov", false, "use Nesterov momentum"), Maximize.PARAMETER);
    }

    @Override
    public void validate(PluginConfig config) {
        if (config.getBoolean("nesterov") && (config.getDouble("momentum") <= 0 || config.getDouble("dampening") != 0)) {
            throw new TrainyardException("optimizer.nesterov needs optimizer.momentum > 0 and optimizer.dampening = 0;"
                    + " set a momentum or drop nesterov");
        }
    }

    @Override
    public Optimizer create(PluginConfig config, Parameters parameters) {
        return new Sgd(parameters, config.getDouble("lr"), config.getDouble("momentum"),
                config.getDouble("dampening"), config.getDouble("weight_decay"), config.getBoolean("nesterov"))
                .maximizing(config.getBoolean(Maximize.KEY));
    }
}
