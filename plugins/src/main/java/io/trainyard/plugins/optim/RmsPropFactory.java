package io.trainyard.plugins.optim;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.List;

/** {@code rmsprop}: PyTorch's RMSprop with optional momentum and centering. */
public final class RmsPropFactory implements OptimizerFactory {

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String description() {
        return "RMSprop with optional momentum and centering (PyTorch torch.optim.RMSprop)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.decimal("lr", 1e-2, Range.greaterThan(0), "learning rate"),
                HyperParameter.decimal("alpha", 0.99, Range.closed(0, 1), "smoothing of the squared-gradient average"),
                HyperParameter.decimal("eps", 1e-8, Range.atLeast(0), "added to the denominator for stability"),
                HyperParameter.decimal("weight_decay", 0, Range.atLeast(0), "L2 penalty added to the gradient"),
                HyperParameter.decimal("momentum", 0, Range.atLeast(0), "momentum factor"),
                HyperParameter.bool("centered", false, "normalise by the gradient's estimated variance"),
                Maximize.PARAMETER);
    }

    @Override
    public Optimizer create(PluginConfig config, Parameters parameters) {
        return new RmsProp(parameters, config.getDouble("lr"), config.getDouble("alpha"), config.getDouble("eps"),
                config.getDouble("weight_decay"), config.getDouble("momentum"), config.getBoolean("centered"))
                .maximizing(config.getBoolean(Maximize.KEY));
    }
}
